"""Creating notifications and acting on them. Apps call ``notify`` from their receivers, inside the transaction of
the change they announce: the rows commit or roll back with it, and the e-mails and live header updates go out
only after commit."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import kinds, live, selectors
from .kinds import EmailChoice
from .mail import build_digest_message, build_immediate_message, read_unsubscribe_token
from .models import EmailStatus, Notification, NotificationPreference

logger = logging.getLogger(__name__)


def _send_after_commit(build: Callable[[], list[EmailMessage]]) -> None:
    """Render and send once committed: nothing is mailed for a change that rolled back, and a mail outage is
    logged rather than turned into an error for a change that is already made."""

    def send() -> None:
        try:
            messages = build()
            if messages:
                get_connection().send_messages(messages)
        except Exception:
            logger.exception("notifications: could not send e-mail")

    transaction.on_commit(send)


def notify(
    recipients: Iterable,
    code: str,
    *,
    params: dict[str, Any] | None = None,
    url: str = "",
    actor=None,
    summary: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Notify each of ``recipients`` (users) of ``code``, a registered kind; returns the rows created.

    ``params`` fill the kind's sentence: plain strings, or ``kinds.bilingual(ja, en)`` for names that exist in
    both languages.

    The person who caused it (``actor``) and inactive accounts are left out. With ``dedupe_key``, a recipient who
    already has a notification of this kind with this key gets nothing (periodic jobs use it to notify once).
    """
    kind = kinds.require(code)
    params = {
        key: {lang: str(text) for lang, text in value.items()} if isinstance(value, dict) else str(value)
        for key, value in (params or {}).items()
    }
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if actor is not None:
        people.pop(actor.pk, None)
    if not people:
        return []
    choices = selectors.email_choices(list(people), code)
    now = timezone.now()
    created: list[Notification] = []
    for user_id, user in people.items():
        choice = choices[user_id]
        status = EmailStatus.NONE
        if kind.has_email_choice and choice == EmailChoice.DAILY:
            status = EmailStatus.DIGEST
        mail_now = (
            choice == EmailChoice.IMMEDIATELY
            and kind.delivery == kinds.EmailDelivery.NOTIFICATIONS
            and user.email
        )
        if mail_now:
            status = EmailStatus.SENT
        row = Notification(
            recipient=user,
            kind=code,
            params=params,
            summary=summary[:1000],
            url=url,
            actor=actor if actor is not None and actor.is_authenticated else None,
            dedupe_key=dedupe_key,
            created_at=now,
            email_status=status,
            emailed_at=now if mail_now else None,
        )
        if dedupe_key:
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:  # already notified (an earlier run, or a concurrent one)
                continue
        created.append(row)
    if not dedupe_key:
        Notification.objects.bulk_create(created)  # one INSERT for every member of an organisation
    immediate = [row for row in created if row.email_status == EmailStatus.SENT]
    if immediate:
        _send_after_commit(lambda: [build_immediate_message(n) for n in immediate])
    live.send_changed_on_commit([n.recipient_id for n in created])
    return created


@transaction.atomic
def do_mark_read(notification: Notification, *, user) -> Notification:
    """Caller fetched ``notification`` among ``user``'s own (``selectors.notifications_for``)."""
    if notification.recipient_id != user.pk:
        raise ValidationError(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        live.send_changed_on_commit([user.pk])
    return notification


@transaction.atomic
def do_mark_all_read(user) -> int:
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        live.send_changed_on_commit([user.pk])
    return count


def check_email_choice(code: str, choice: str) -> kinds.NotificationKind:
    kind = kinds.get(code)
    if kind is None or not kind.has_email_choice:
        raise ValidationError(_("There is no e-mail setting for this kind of notification."))
    if choice not in EmailChoice.values:
        raise ValidationError(_("Choose at once, daily digest or no e-mail."))
    return kind


@transaction.atomic
def do_set_email_choice(user, code: str, choice: str) -> None:
    check_email_choice(code, choice)
    NotificationPreference.objects.update_or_create(user=user, kind=code, defaults={"email": choice})


def check_unsubscribe_token(token: str):
    """``(user, kind)`` the token names; ``ValidationError`` for a forged, damaged or outdated link."""
    invalid = ValidationError(
        _("This unsubscribe link is not valid. Change your e-mail settings after logging in.")
    )
    try:
        user_id, code = read_unsubscribe_token(token)
    except signing.BadSignature as error:
        raise invalid from error
    kind = kinds.get(code)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or kind is None or not kind.has_email_choice:
        raise invalid
    return user, kind


def do_unsubscribe(token: str):
    """Turn off the e-mail of the kind the token names, for the person it names; works without logging in."""
    user, kind = check_unsubscribe_token(token)
    do_set_email_choice(user, kind.code, EmailChoice.OFF)
    return user, kind


def do_send_digests(*, now: datetime | None = None) -> int:
    """Send each person with notifications waiting for the digest one e-mail; returns how many went out.

    Safe to run twice or in two processes at once: each person's waiting rows are taken under a row lock
    (``SKIP LOCKED``) and marked e-mailed in the same transaction, so every notification is mailed at most once.
    Notifications read in the meantime are marked handled without being mailed.
    """
    now = now or timezone.now()
    user_ids = sorted(
        set(
            Notification.objects.filter(email_status=EmailStatus.DIGEST, created_at__lte=now).values_list(
                "recipient_id", flat=True
            )
        )
    )
    sent = 0
    for user_id in user_ids:
        with transaction.atomic():
            due = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(recipient_id=user_id, email_status=EmailStatus.DIGEST, created_at__lte=now)
                .order_by("created_at", "pk")
            )
            if not due:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in due]).update(
                email_status=EmailStatus.SENT, emailed_at=now
            )
            unread = [n for n in due if n.read_at is None]
            user = get_user_model().objects.get(pk=user_id)
            if unread and user.is_active and user.email:
                _send_after_commit(lambda user=user, unread=unread: [build_digest_message(user, unread)])
                sent += 1
    return sent
