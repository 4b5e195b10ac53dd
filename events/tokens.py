"""Signed, unguessable tokens carried by a registration: the check-in code (QR) and the one-click cancel link.

Both embed the registration's ``secret``, which is rotated when the registration starts afresh, so a code or link
from an earlier registration is refused. The signature (Django's ``Signer``, keyed by ``SECRET_KEY``) makes a
tampered token fail before any database lookup.
"""

from dataclasses import dataclass

from django.core import signing

CHECKIN_SALT = "events.checkin"
CANCEL_SALT = "events.cancel"


@dataclass(frozen=True)
class CheckinClaim:
    event_id: int
    registration_id: int
    secret: str


@dataclass(frozen=True)
class CancelClaim:
    registration_id: int
    secret: str


def checkin_code(registration) -> str:
    value = f"{registration.event_id}.{registration.pk}.{registration.secret}"
    return signing.Signer(salt=CHECKIN_SALT).sign(value)


def read_checkin_code(code: str) -> CheckinClaim:
    """Raises ``signing.BadSignature`` for anything that was not issued by ``checkin_code``."""
    value = signing.Signer(salt=CHECKIN_SALT).unsign(code.strip())
    event_id, registration_id, secret = value.split(".", 2)
    return CheckinClaim(int(event_id), int(registration_id), secret)


def cancel_token(registration) -> str:
    return signing.Signer(salt=CANCEL_SALT).sign(f"{registration.pk}.{registration.secret}")


def read_cancel_token(token: str) -> CancelClaim:
    """Raises ``signing.BadSignature`` for a tampered or made-up token."""
    value = signing.Signer(salt=CANCEL_SALT).unsign(token.strip())
    registration_id, secret = value.split(".", 1)
    return CancelClaim(int(registration_id), secret)
