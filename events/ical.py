"""iCalendar (RFC 5545) files: one per registration (the session, the meetup if the person has a seat there, and
their accepted 1:1 meetings) and a public feed of upcoming events. Built with the ``icalendar`` package, which
handles escaping and line folding; times are written in UTC."""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from urllib.parse import urlparse

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import pgettext
from icalendar import Calendar
from icalendar import Event as VEvent

from cpsplatform.links import site_url

from .models import Event, Meeting, Meetup, Registration, RegistrationStatus

PRODID = "-//CPS Collaboration Platform//Events//EN"


def _uid_host() -> str:
    return urlparse(site_url()).hostname or "cps-platform.example"


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _location(event: Event) -> str:
    parts = [p for p in (event.venue, event.venue_address) if p]
    if event.online_url:
        parts.append(event.online_url)
    return ", ".join(parts)


def event_component(event: Event, *, url: str, status: str = "CONFIRMED") -> VEvent:
    component = VEvent()
    component.add("uid", f"event-{event.pk}@{_uid_host()}")
    component.add("dtstamp", _utc(event.updated_at or timezone.now()))
    component.add("dtstart", _utc(event.starts_at))
    component.add("dtend", _utc(event.ends_at))
    component.add("summary", f"#{event.number} {event.title}")
    if event.theme or event.description:
        component.add("description", "\n\n".join(p for p in (event.theme, event.description) if p))
    location = _location(event)
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("status", status)
    return component


def meetup_component(meetup: Meetup, *, url: str) -> VEvent:
    component = VEvent()
    component.add("uid", f"meetup-{meetup.pk}@{_uid_host()}")
    component.add("dtstamp", _utc(meetup.event.updated_at or timezone.now()))
    component.add("dtstart", _utc(meetup.starts_at))
    component.add("dtend", _utc(meetup.ends_at))
    title = f"#{meetup.event.number} {meetup.event.title}"
    component.add("summary", pgettext("calendar entry", "Meetup: %(event)s") % {"event": title})
    description = meetup.fee_note
    if description:
        component.add("description", description)
    if meetup.venue or meetup.event.venue:
        component.add("location", meetup.venue or meetup.event.venue)
    component.add("url", url)
    return component


def meeting_component(meeting: Meeting, *, me: Registration, url: str) -> VEvent:
    other = meeting.invitee if meeting.requester_id == me.pk else meeting.requester
    component = VEvent()
    component.add("uid", f"meeting-{meeting.pk}@{_uid_host()}")
    component.add("dtstamp", _utc(meeting.responded_at or meeting.created_at))
    component.add("dtstart", _utc(meeting.starts_at))
    component.add("dtend", _utc(meeting.ends_at))
    organisation = f" ({other.organisation})" if other.organisation else ""
    component.add(
        "summary",
        pgettext("calendar entry", "1:1 meeting — %(person)s")
        % {"person": f"{other.public_name}{organisation}"},
    )
    component.add("url", url)
    return component


def registration_calendar(registration: Registration, *, url: str, meetings: Iterable[Meeting] = ()) -> bytes:
    event = registration.event
    calendar = _calendar(event.title)
    status = "CONFIRMED" if registration.holds_seat else "TENTATIVE"
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED):
        status = "CANCELLED"
    calendar.add_component(event_component(event, url=url, status=status))
    meetup = event.meetup_or_none
    if meetup and registration.has_meetup_seat:
        calendar.add_component(meetup_component(meetup, url=url))
    for meeting in meetings:
        calendar.add_component(meeting_component(meeting, me=registration, url=url))
    return calendar.to_ical()


def events_feed(events: Iterable[Event], *, url_for: Callable[[Event], str], name: str) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(event_component(event, url=url_for(event)))
    return calendar.to_ical()


def calendar_response(body: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """An iCalendar answer: ``inline`` for a feed calendar apps subscribe to, else a file to import."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response
