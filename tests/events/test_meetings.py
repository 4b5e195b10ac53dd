from datetime import timedelta

import pytest
from django.urls import reverse

from cpsplatform.organisations.models import OrganisationKind
from events.matchmaking import Interests, people_to_meet, suggest
from events.models import Meeting, MeetingBooking, Registration
from events.services import meetings
from events.services import registration as service
from events.services.errors import MeetingRefused

from .conftest import login, make_event, make_org, make_user

Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def meetup_event(organiser_org):
    return make_event(organiser_org, capacity=20, meetup_capacity=10)


def join(event, kind=OrganisationKind.USER_COMPANY, components=(), listed=True, meetup=True, **user_fields):
    org = make_org(kind)
    return service.do_register(
        event=event,
        user=make_user(org, **user_fields),
        organisation=org,
        wants_meetup=meetup,
        listed_publicly=listed,
        interest_components=components,
    )


def test_people_to_meet_pairs_needs_with_seeds_by_cpsf_component(meetup_event):
    factory = join(meetup_event, components=["things", "data"], display_name="Factory")
    vendor = join(meetup_event, OrganisationKind.VENDOR, components=["things"], display_name="PUF Vendor")
    peer = join(meetup_event, components=["data"], display_name="Peer User")
    join(meetup_event, OrganisationKind.VENDOR, components=["people"], display_name="Training Vendor")
    join(
        meetup_event, OrganisationKind.VENDOR, components=["data"], listed=False, display_name="Hidden Vendor"
    )
    suggestions = people_to_meet(factory)
    assert [s.registration.pk for s in suggestions] == [vendor.pk, peer.pk]
    assert suggestions[0].they_offer == ["Components / things"]
    assert suggestions[1].shared_needs == ["Data"]


def test_suggestion_score_counts_complementary_overlap_double():
    me = Interests(needs=frozenset({"cpsf:data", "category:siem-soc"}))
    vendor = Interests(offers=frozenset({"category:siem-soc"}))
    peer = Interests(needs=frozenset({"cpsf:data"}))
    assert suggest(me, vendor)[0] == 2
    assert suggest(me, peer)[0] == 1


def test_request_accept_and_both_schedules_show_the_meeting(client, meetup_event):
    me = join(meetup_event, display_name="Requester")
    other = join(meetup_event, OrganisationKind.VENDOR, display_name="Invitee")
    slot = meetup_event.meetup.starts_at + timedelta(minutes=30)
    login(client, me.user)
    response = client.post(
        reverse("events:meeting_request", args=[me.pk]),
        {"invitee": other.pk, "starts_at": slot.isoformat(), "message": "About PUF"},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    login(client, other.user)
    page = client.get(reverse("events:schedule", args=[other.pk])).content.decode()
    assert "About PUF" in page
    client.post(reverse("events:meeting_respond", args=[meeting.pk]), {"action": "accept"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED
    login(client, me.user)
    schedule = client.get(reverse("events:schedule", args=[me.pk])).content.decode()
    assert "Invitee" in schedule and "schedule" in schedule


def test_nobody_is_double_booked(meetup_event):
    a, b, c = join(meetup_event), join(meetup_event), join(meetup_event)
    slot = meetup_event.meetup.starts_at
    first = meetings.do_request_meeting(requester=a, invitee=b, starts_at=slot)
    second = meetings.do_request_meeting(requester=c, invitee=b, starts_at=slot)
    meetings.do_accept_meeting(first, by=b.user)
    with pytest.raises(MeetingRefused, match="already have a meeting at that time"):
        meetings.do_accept_meeting(second, by=b.user)
    with pytest.raises(MeetingRefused, match="already has a meeting"):
        meetings.do_request_meeting(requester=c, invitee=a, starts_at=slot)
    assert MeetingBooking.objects.filter(starts_at=slot).count() == 2


def test_requests_outside_the_meetup_slots_or_to_unlisted_people_are_refused(meetup_event):
    a, b = join(meetup_event), join(meetup_event)
    hidden = join(meetup_event, listed=False)
    off_grid = meetup_event.meetup.starts_at + timedelta(minutes=7)
    with pytest.raises(MeetingRefused, match="15-minute slots"):
        meetings.do_request_meeting(requester=a, invitee=b, starts_at=off_grid)
    with pytest.raises(MeetingRefused, match="does not take meeting requests"):
        meetings.do_request_meeting(requester=a, invitee=hidden, starts_at=meetup_event.meetup.starts_at)
    without_meetup = join(meetup_event, meetup=False)
    with pytest.raises(MeetingRefused, match="meetup seat"):
        meetings.do_request_meeting(
            requester=without_meetup, invitee=b, starts_at=meetup_event.meetup.starts_at
        )


def test_only_the_invitee_accepts_and_cancelling_a_registration_frees_the_slot(meetup_event):
    a, b = join(meetup_event), join(meetup_event)
    meeting = meetings.do_request_meeting(requester=a, invitee=b, starts_at=meetup_event.meetup.starts_at)
    with pytest.raises(MeetingRefused, match="Only the person asked"):
        meetings.do_accept_meeting(meeting, by=a.user)
    meetings.do_accept_meeting(meeting, by=b.user)
    service.do_cancel_registration(b, by=b.user)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert not MeetingBooking.objects.exists()


def test_meetup_slots_are_fifteen_minutes(meetup_event):
    slots = meetings.meeting_slots(meetup_event.meetup)
    assert len(slots) == 8
    assert slots[1] - slots[0] == timedelta(minutes=15)


def test_joining_and_leaving_the_meetup_respects_capacity(organiser_org):
    event = make_event(organiser_org, capacity=5, meetup_capacity=1)
    a = join(event, meetup=False)
    b = join(event, meetup=False)
    meetings.do_join_meetup(a)
    from events.services.errors import MeetupFull

    with pytest.raises(MeetupFull):
        meetings.do_join_meetup(b)
    meetings.do_leave_meetup(a)
    assert meetings.do_join_meetup(b).has_meetup_seat


def test_people_to_meet_reads_marketplace_listings_and_visible_needs(meetup_event):
    from django.utils import translation

    from marketplace.choices import ListingStatus, Visibility
    from marketplace.models import SecurityCategory
    from tests.marketplace.factories import make_listing, make_need

    vendor = join(meetup_event, OrganisationKind.VENDOR, display_name="OT Vendor")
    factory = join(meetup_event, display_name="Factory")
    anonymous = join(meetup_event, display_name="Anonymous Owner")
    vendors_only = join(meetup_event, display_name="Vendors Only")
    make_listing(vendor.organisation, categories=["iot-ot-security"], cpsf_components=["things"])
    make_listing(vendor.organisation, status=ListingStatus.DRAFT, categories=["siem-soc"])
    iot = SecurityCategory.objects.get(slug="iot-ot-security")
    make_need(factory.organisation, cpsf_components=["things"]).categories.set([iot])
    make_need(anonymous.organisation, hide_company_name=True).categories.set([iot])
    make_need(vendors_only.organisation, visibility=Visibility.CONFIRMED_VENDORS).categories.set([iot])

    with translation.override("en"):
        for_factory = people_to_meet(factory)
        for_vendor = people_to_meet(vendor)
    assert [s.registration.pk for s in for_factory] == [vendor.pk]
    assert sorted(for_factory[0].they_offer) == ["Components / things", "IoT and OT/ICS security"]
    # The vendor is not a confirmed vendor, and the anonymous owner's need must not be tied to its name.
    assert [s.registration.pk for s in for_vendor] == [factory.pk]
    assert "IoT and OT/ICS security" in for_vendor[0].they_need
