"""Reading a database id out of user input without letting a bad one reach the database."""

from __future__ import annotations

# PostgreSQL's bigint: a larger number in a filter raises a DataError (a 500) instead of matching nothing.
MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """The positive integer id written in ``value`` (a form or query value), or None when it is not one.

    Callers treat None as "no such object", exactly like an id that does not exist.
    """
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
