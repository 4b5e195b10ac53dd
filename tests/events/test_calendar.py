import pytest
from django.urls import reverse
from icalendar import Calendar

from events.services import meetings
from events.services import registration as service

from .conftest import login, make_event, make_user

pytestmark = pytest.mark.django_db


def test_registration_ics_has_the_event_the_meetup_and_accepted_meetings(client, event):
    event.meetup.capacity = 5
    event.meetup.save()
    me = service.do_register(
        event=event, user=make_user(), organisation=None, wants_meetup=True, listed_publicly=True
    )
    other = service.do_register(
        event=event,
        user=make_user(display_name="Taro Vendor"),
        organisation=None,
        wants_meetup=True,
        listed_publicly=True,
    )
    meeting = meetings.do_request_meeting(requester=me, invitee=other, starts_at=event.meetup.starts_at)
    meetings.do_accept_meeting(meeting, by=other.user)
    login(client, me.user)
    response = client.get(reverse("events:registration_ics", args=[me.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    components = calendar.walk("VEVENT")
    assert [str(c["UID"]).split("@")[0] for c in components] == [
        f"event-{event.pk}",
        f"meetup-{event.meetup.pk}",
        f"meeting-{meeting.pk}",
    ]
    session = components[0]
    assert session.decoded("DTSTART") == event.starts_at
    assert session.decoded("DTEND") == event.ends_at
    assert str(session["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in session
    assert "Taro Vendor" in str(components[2]["SUMMARY"])
    assert (
        components[2].decoded("DTEND") - components[2].decoded("DTSTART")
        == meeting.ends_at - meeting.starts_at
    )


def test_public_feed_lists_upcoming_published_events_only(client, organiser_org):
    upcoming = make_event(organiser_org, title_en="IoT standards", title_ja="IoT技術と標準")
    make_event(organiser_org, is_published=False, title_ja="下書き")
    response = client.get(reverse("events:feed"))
    calendar = Calendar.from_ical(response.content)
    uids = [str(c["UID"]) for c in calendar.walk("VEVENT")]
    assert uids == [f"event-{upcoming.pk}@127.0.0.1"]
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == f"#{upcoming.number} IoT standards"
    assert b"\r\n" in response.content  # RFC 5545 line endings
