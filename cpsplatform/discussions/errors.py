"""Refusals the discussion services raise (``cpsplatform.refusals.Refusal``). Each has a stable ``code`` the
WebSocket ``error`` frame carries."""

from cpsplatform.refusals import Refusal


class ChatError(Refusal):
    code = "error"


class NotFound(ChatError):
    """The thing does not exist *or* the person may not see it: the two are never told apart."""

    code = "not_found"


class NotAllowed(ChatError):
    code = "forbidden"


class InvalidInput(ChatError):
    code = "invalid"


class RateLimited(ChatError):
    code = "rate_limited"
