"""The e-mails of notifications: one at once, or one daily digest per person. Each is written in the recipient's
preferred language, every link starts with ``SITE_URL`` (``cpsplatform.links.absolute_url``), and each kind
mentioned carries its one-click unsubscribe link (RFC 8058 headers on the single mails)."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cpsplatform.links import absolute_url

from . import kinds
from .models import Notification

UNSUBSCRIBE_SALT = "cpsplatform.notifications.unsubscribe"


def unsubscribe_token(user_id: int, code: str) -> str:
    """A signed token naming one person and one kind, the same in every mail. It does not expire: an old mail's
    link still works, and all it can do is turn that kind's e-mail off."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": user_id, "k": code})


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """``(user_id, kind)``; raises ``signing.BadSignature`` for a token we did not sign."""
    data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        raise signing.BadSignature("malformed unsubscribe token")
    return data["u"], data["k"]


def unsubscribe_url(user_id: int, code: str) -> str:
    return absolute_url(
        reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user_id, code)})
    )


def _language_of(user) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def _item(notification: Notification) -> dict:
    kind = kinds.get(notification.kind)
    return {
        "text": notification.text,
        "summary": notification.summary,
        "url": absolute_url(notification.url) if notification.url else "",
        "kind_label": str(kind.label) if kind else "",
        "unsubscribe_url": unsubscribe_url(notification.recipient_id, notification.kind),
    }


def build_immediate_message(notification: Notification) -> EmailMessage:
    user = notification.recipient
    with translation.override(_language_of(user)):
        item = _item(notification)
        context = {
            "user": user,
            "item": item,
            "preferences_url": absolute_url(reverse("notifications:preferences")),
        }
        subject = " ".join(item["text"].split())[:200]
        body = render_to_string("notifications/email/notification.txt", context)
    message = EmailMessage(subject=subject, body=body, from_email=None, to=[user.email])
    message.extra_headers = {
        "List-Unsubscribe": f"<{item['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return message


def build_digest_message(user, notifications: list[Notification]) -> EmailMessage:
    with translation.override(_language_of(user)):
        items = [_item(n) for n in notifications]
        context = {
            "user": user,
            "items": items,
            "count": len(items),
            "preferences_url": absolute_url(reverse("notifications:preferences")),
            "list_url": absolute_url(reverse("notifications:list")),
        }
        subject = render_to_string("notifications/email/digest_subject.txt", context).strip()
        body = render_to_string("notifications/email/digest.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, from_email=None, to=[user.email])
