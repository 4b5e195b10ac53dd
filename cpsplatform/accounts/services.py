"""Changes to an account: a person's own (public name) and, by platform staff, its roles."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

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


def check_staff(user: User) -> None:
    if not (user.is_active and user.is_staff):
        raise PermissionDenied(_("Only platform staff may change who is staff."))


def do_set_staff_roles(staff: User, user: User, *, is_staff: bool, is_policy_staff: bool) -> User:
    """Platform ``staff`` make ``user`` platform staff (the admin) and/or public-agency policy staff, or stop.

    Audited with who decided, because both roles open doors (the staff admin; posting in policy channels). Staff
    cannot take their own staff role away, so the platform never loses its last way into the admin by accident.
    """
    check_staff(staff)
    if user.pk == staff.pk and not is_staff:
        raise PermissionDenied(_("You cannot take away your own staff role."))
    changed = {
        name: value
        for name, value in (("is_staff", is_staff), ("is_policy_staff", is_policy_staff))
        if getattr(user, name) != value
    }
    if changed:
        with transaction.atomic():
            for name, value in changed.items():
                setattr(user, name, value)
            user.save(update_fields=list(changed))
            log_action("accounts.user.staff_roles_changed", actor=staff, subject=user, data=changed)
    return user
