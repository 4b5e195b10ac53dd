"""The current TOTP code for a base32 secret, as an authenticator app would show it (RFC 6238: HMAC-SHA1, 30 s,
six digits). For the demo accounts' second factor in development and for tests::

    python -m scripts.totp MNYHGLLEMVWW6LLTORQWMZRNGJTGCIJB

A development tool: the product checks codes with allauth.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import sys
import time


def totp_code(secret: str, at: float | None = None, period: int = 30, digits: int = 6) -> str:
    """The code of ``secret`` at time ``at`` (now)."""
    key = base64.b32decode(secret.strip().upper() + "=" * (-len(secret.strip()) % 8))
    counter = int((time.time() if at is None else at) // period)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return str(value).zfill(digits)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m scripts.totp BASE32_SECRET")
    print(totp_code(sys.argv[1]))
