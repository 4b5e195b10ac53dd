"""Errors the discussion services raise. Each has a stable ``code`` the WebSocket ``error`` frame carries."""


class ChatError(Exception):
    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFound(ChatError):
    """The thing does not exist *or* the person may not see it: the two are never told apart."""

    code = "not_found"


class NotAllowed(ChatError):
    code = "forbidden"


class InvalidInput(ChatError):
    code = "invalid"


class RateLimited(ChatError):
    code = "rate_limited"
