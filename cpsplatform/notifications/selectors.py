"""Read-only questions about notifications."""

from django.db.models import QuerySet

from . import kinds
from .models import Notification, NotificationPreference


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor")


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_choices(user_ids, code: str) -> dict[int, str]:
    """The e-mail choice for kind ``code`` of each of ``user_ids`` (their own, or the kind's default)."""
    kind = kinds.require(code)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=list(user_ids), kind=code).values_list(
            "user_id", "email"
        )
    )
    return {user_id: chosen.get(user_id, kind.default_email) for user_id in user_ids}


def email_choice(user, code: str) -> str:
    return email_choices([user.pk], code)[user.pk]


def preferences_of(user) -> list[tuple[kinds.NotificationKind, str]]:
    """Every registered kind with the person's current e-mail choice, grouped as the preferences page shows them."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return [(kind, chosen.get(kind.code, kind.default_email)) for kind in kinds.all_kinds()]
