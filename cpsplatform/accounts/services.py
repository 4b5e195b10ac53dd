"""Changes to a person's own account."""

from __future__ import annotations

from django.db import transaction

from cpsplatform.audit.services import log_action

from .models import User
from .names import clean_display_name


def do_set_display_name(user: User, name: str) -> User:
    """Give ``user`` the public name ``name`` (validated here too, so no caller can store a bad one).

    Raises ``ValidationError`` for an empty, too long or control-character name; the stored name is trimmed.
    """
    name = clean_display_name(name)
    previous = user.display_name
    if name != previous:
        with transaction.atomic():
            user.display_name = name
            user.save(update_fields=["display_name"])
            log_action(
                "accounts.user.display_name_changed",
                actor=user,
                subject=user,
                data={"from": previous, "to": name},
            )
    return user
