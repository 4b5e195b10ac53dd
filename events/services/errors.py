"""Refusals a participant or organiser can meet. Views show ``message`` as it is; ``code`` is for tests/APIs."""


class EventsError(Exception):
    code = "refused"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return str(self.message)


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
