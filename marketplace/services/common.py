"""Helpers shared by the marketplace services."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..models import Need, SolutionListing
from ..signals import listing_changed, need_changed


def send_listing_changed(listing_id: int, *, deleted: bool = False) -> None:
    """Call inside the transaction of the change (receivers write outbox rows that must commit with it)."""
    listing_changed.send(sender=SolutionListing, listing_id=listing_id, deleted=deleted)


def send_need_changed(need_id: int, *, deleted: bool = False) -> None:
    need_changed.send(sender=Need, need_id=need_id, deleted=deleted)


def deny(message: str | None = None) -> PermissionDenied:
    return PermissionDenied(message or _("You may not do this."))


def invalid(message: str, code: str, field: str | None = None) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


def require(condition: bool, message: str | None = None) -> None:
    if not condition:
        raise deny(message)


def assign(instance: Any, data: dict[str, Any], allowed: Collection[str]) -> None:
    unknown = set(data).difference(allowed)
    if unknown:
        raise ValueError(f"Unknown fields for {type(instance).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


def clean_reason(reason: str, *, required: bool = True, field: str = "reason", limit: int = 1000) -> str:
    """A short free-text reason: stripped and bounded (shown escaped wherever it appears)."""
    reason = (reason or "").strip()
    if not reason:
        if required:
            raise invalid(_("Give a reason."), "reason_required", field)
        return ""
    if len(reason) > limit:
        raise invalid(_("Keep the reason under %(limit)s characters.") % {"limit": limit}, "too_long", field)
    return reason
