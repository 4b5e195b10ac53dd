"""The registry of notification kinds. The core names no kind: each app registers its own (with a label people
see on the preferences page and the sentence a notification reads as) from its ``AppConfig.ready()``.

A kind's ``message`` is a lazily translated format string (``%(listing)s was published``) filled with the
notification's stored ``params`` when it is shown or mailed, so every notification reads in the language of the
person looking at it — the page's language in the browser, their preferred language in a mail. A name that exists
in both languages (a listing's, an event's) is stored as ``{"ja": ..., "en": ...}`` (``bilingual``) and shown in
the reader's language too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class EmailChoice(models.TextChoices):
    IMMEDIATELY = "immediately", _("E-mail at once")
    DAILY = "daily", _("Daily digest")
    OFF = "off", _("No e-mail")


class EmailDelivery(models.TextChoices):
    """Who sends the e-mail of a kind."""

    #: This app mails at once or in the digest, per the person's preference.
    NOTIFICATIONS = "notifications"
    #: The app sends the immediate mail itself and honours the preference (mentions wait a few minutes to see
    #: whether they were read in the page); the daily digest is still ours.
    APP_IMMEDIATE = "app_immediate"
    #: In-app only: the app's own mail is transactional and always goes (a registration mail carries the
    #: one-click cancel link), so there is nothing to choose.
    APP_ALWAYS = "app_always"


@dataclass(frozen=True)
class NotificationKind:
    code: str
    #: What the preferences page calls it ("Introduction requested").
    label: str | Promise
    #: The sentence shown and mailed; ``%(name)s`` placeholders are filled from the notification's ``params``.
    message: str | Promise
    #: The section of the preferences page ("Introductions").
    group: str | Promise = ""
    default_email: str = EmailChoice.IMMEDIATELY
    delivery: str = EmailDelivery.NOTIFICATIONS

    @property
    def has_email_choice(self) -> bool:
        return self.delivery != EmailDelivery.APP_ALWAYS

    def render(self, params: dict[str, Any]) -> str:
        language = (get_language() or "ja").split("-")[0]
        values = {
            key: (value.get(language) or next(iter(value.values()), "")) if isinstance(value, dict) else value
            for key, value in params.items()
        }
        try:
            return str(self.message) % values
        except (KeyError, TypeError, ValueError):  # an old row whose params no longer fit the sentence
            return str(self.label)


def bilingual(ja: str, en: str) -> dict[str, str]:
    """A name given in both languages, each falling back to the other."""
    return {"ja": ja or en, "en": en or ja}


_REGISTRY: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    """Register ``kind`` (idempotent for the same definition, so a re-run ``ready()`` is harmless)."""
    existing = _REGISTRY.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"Notification kind {kind.code!r} is already registered differently.")
    _REGISTRY[kind.code] = kind
    return kind


def get(code: str) -> NotificationKind | None:
    return _REGISTRY.get(code)


def require(code: str) -> NotificationKind:
    kind = _REGISTRY.get(code)
    if kind is None:
        raise LookupError(f"Unknown notification kind {code!r}: register it in its app's ready().")
    return kind


def all_kinds() -> list[NotificationKind]:
    return list(_REGISTRY.values())
