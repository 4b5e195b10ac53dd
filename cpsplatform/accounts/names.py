"""Public display names: the one name other people see for a person (chat, attendee and member lists, listing
history) and the one mails greet them with.

Every app asks ``display_name(user)`` rather than reading the field, so a person who has not chosen a name yet
(accounts created before names were required, or by staff in the admin) still shows as something readable, and
the rule lives in one place. A name is chosen at sign-up; people without one are asked once after logging in
(``middleware.DisplayNameRequiredMiddleware``).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: The longest public name accepted (the column holds more, for names set before this limit).
NAME_MAX_LENGTH = 50

#: Unicode categories refused in a name: controls (``Cc``, e.g. newlines and tabs), format characters (``Cf``,
#: e.g. right-to-left overrides that make a name read differently from what it is), surrogates and private use.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}
#: Format characters that real names and emoji need.
_ALLOWED_FORMAT = {"\u200d"}  # zero-width joiner


def display_name(user: Any) -> str:
    """The name to show for ``user``: the chosen public name, else the local part of the e-mail address.

    ``None`` (a deleted sender, an anonymous visitor) reads as the empty string.
    """
    if user is None:
        return ""
    name = (getattr(user, "display_name", "") or "").strip()
    if name:
        return name
    email = getattr(user, "email", "") or ""
    return email.split("@", 1)[0]


def has_chosen_name(user: Any) -> bool:
    return bool((getattr(user, "display_name", "") or "").strip())


def clean_display_name(value: str | None) -> str:
    """``value`` trimmed, or a ``ValidationError`` saying what is wrong (codes: required, max_length, control)."""
    name = (value or "").strip()
    if not name:
        raise ValidationError(_("Enter the name other people will see."), code="required")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("Use at most %(limit)d characters (this name has %(length)d).")
            % {"limit": NAME_MAX_LENGTH, "length": len(name)},
            code="max_length",
        )
    for char in name:
        if char not in _ALLOWED_FORMAT and unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise ValidationError(
                _("The name contains an invisible control character (such as a line break); remove it."),
                code="control",
            )
    return name
