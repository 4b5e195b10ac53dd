"""Which text the platform refuses outright: NUL characters and lone surrogates.

PostgreSQL cannot store a NUL in a text column (the driver raises, which used to surface as a 500), and a lone
surrogate (``"\\ud800"``, reachable through JSON escapes) cannot be encoded as UTF-8 at all. Neither has a
legitimate use in anything a person types, so both are refused wherever input enters, with a clear message.
"""

from __future__ import annotations

from typing import Any


def is_clean_text(value: str) -> bool:
    """True when ``value`` has no NUL and can be encoded as UTF-8 (no lone surrogates)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def has_unclean_text(value: Any, depth: int = 0) -> bool:
    """True when any string inside ``value`` (a decoded JSON document: keys, values, nested) is not clean.

    Nesting deeper than 64 levels counts as unclean: no frame of ours is that deep.
    """
    if depth > 64:
        return True
    if isinstance(value, str):
        return not is_clean_text(value)
    if isinstance(value, dict):
        return any(has_unclean_text(k, depth + 1) or has_unclean_text(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(has_unclean_text(item, depth + 1) for item in value)
    return False
