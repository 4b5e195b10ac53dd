"""Refusals a participant or organiser can meet (``cpsplatform.refusals.Refusal``: ``message`` as views show it,
``code`` for tests and APIs)."""

from cpsplatform.refusals import Refusal


class EventsError(Refusal):
    code = "refused"


class RegistrationRefused(EventsError):
    code = "registration_refused"


class MeetupFull(RegistrationRefused):
    code = "meetup_full"


class OfferNotOpen(EventsError):
    code = "offer_not_open"


class CheckInRefused(EventsError):
    code = "check_in_refused"


class AlreadyCheckedIn(CheckInRefused):
    code = "already_checked_in"


class MeetingRefused(EventsError):
    code = "meeting_refused"


class OrganiserActionRefused(EventsError):
    code = "organiser_action_refused"
