"""What the marketplace tells people, through the core's notifications (which know nothing of the marketplace).

Most notifications follow an audit entry: ``cpsplatform.audit.signals.action_logged`` is sent inside the
transaction of the change, so the notification commits or rolls back with it (its e-mail and live update go out
after commit). An accepted introduction is announced after commit instead, once the pair's channel exists, so the
notification can lead straight into the conversation. Two reminders are periodic (``do_send_reminders``, run
daily): a confirmed verification expiring within 30 days and an open need closing within 7 days; each is sent
once per record and date.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpsplatform.notifications import kinds
from cpsplatform.notifications.kinds import EmailChoice, NotificationKind, bilingual
from cpsplatform.notifications.services import notify
from cpsplatform.organisations.models import Membership

from .choices import NeedStatus, RecordStatus
from .models import Introduction, Need, SolutionListing, VerificationRecord

INTRODUCTIONS = _("Introductions")
LISTINGS = _("Listings and moderation")
VERIFICATION = _("Verification")
NEEDS = _("Needs")

INTRODUCTION_REQUESTED = "marketplace.introduction_requested"
INTRODUCTION_ACCEPTED = "marketplace.introduction_accepted"
INTRODUCTION_DECLINED = "marketplace.introduction_declined"
LISTING_SUBMITTED = "marketplace.listing_submitted"
LISTING_PUBLISHED = "marketplace.listing_published"
LISTING_SENT_BACK = "marketplace.listing_sent_back"
VERIFICATION_CLAIMED = "marketplace.verification_claimed"
VERIFICATION_CONFIRMED = "marketplace.verification_confirmed"
VERIFICATION_REJECTED = "marketplace.verification_rejected"
VERIFICATION_REVOKED = "marketplace.verification_revoked"
VERIFICATION_EXPIRING = "marketplace.verification_expiring"
NEED_CLOSING = "marketplace.need_closing"

#: How long before the end the reminders go out.
EXPIRY_NOTICE = datetime.timedelta(days=30)
NEED_CLOSING_NOTICE = datetime.timedelta(days=7)

KINDS = [
    NotificationKind(
        INTRODUCTION_REQUESTED,
        _("Introduction requested"),
        _("You have a new introduction request about %(listing)s."),
        INTRODUCTIONS,
    ),
    NotificationKind(
        INTRODUCTION_ACCEPTED,
        _("Introduction accepted"),
        _("%(org)s accepted the introduction about %(listing)s. Your shared channel is open."),
        INTRODUCTIONS,
    ),
    NotificationKind(
        INTRODUCTION_DECLINED,
        _("Introduction declined"),
        _("Your introduction request about %(listing)s was declined."),
        INTRODUCTIONS,
    ),
    NotificationKind(
        LISTING_SUBMITTED,
        _("Listing submitted for review (staff)"),
        _("%(vendor)s submitted %(listing)s for review."),
        LISTINGS,
    ),
    NotificationKind(LISTING_PUBLISHED, _("Listing published"), _("%(listing)s was published."), LISTINGS),
    NotificationKind(
        LISTING_SENT_BACK, _("Listing sent back"), _("%(listing)s was sent back for changes."), LISTINGS
    ),
    NotificationKind(
        VERIFICATION_CLAIMED,
        _("Verification claim to confirm"),
        _(
            "%(vendor)s names your organisation as the issuer of a verification of %(listing)s. Please confirm or reject it."
        ),
        VERIFICATION,
    ),
    NotificationKind(
        VERIFICATION_CONFIRMED,
        _("Verification confirmed"),
        _("%(issuer)s confirmed the verification of %(listing)s."),
        VERIFICATION,
    ),
    NotificationKind(
        VERIFICATION_REJECTED,
        _("Verification rejected"),
        _("%(issuer)s rejected the verification claim for %(listing)s."),
        VERIFICATION,
    ),
    NotificationKind(
        VERIFICATION_REVOKED,
        _("Verification revoked"),
        _("%(issuer)s revoked the verification of %(listing)s."),
        VERIFICATION,
    ),
    NotificationKind(
        VERIFICATION_EXPIRING,
        _("Verification expiring in 30 days"),
        _("The verification of %(listing)s by %(issuer)s expires on %(date)s."),
        VERIFICATION,
        default_email=EmailChoice.DAILY,
    ),
    NotificationKind(
        NEED_CLOSING,
        _("Need closing in 7 days"),
        _("Your need %(need)s closes on %(date)s."),
        NEEDS,
        default_email=EmailChoice.DAILY,
    ),
]


def register_kinds() -> None:
    for kind in KINDS:
        kinds.register(kind)


def listing_name(listing: SolutionListing) -> dict[str, str]:
    return bilingual(listing.name_ja, listing.name_en)


def members_of(*organisation_ids: int) -> list:
    return [
        m.user
        for m in Membership.objects.filter(organisation_id__in=organisation_ids, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    ]


def _moderators() -> list:
    return list(get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk"))


# --- after an audited change (inside its transaction) -----------------------------------------------------------


def _introduction(pk: int) -> Introduction | None:
    return Introduction.objects.select_related("listing", "from_org", "to_org").filter(pk=pk).first()


def _listing(pk: int) -> SolutionListing | None:
    return SolutionListing.objects.select_related("vendor").filter(pk=pk).first()


def _record(pk: int) -> VerificationRecord | None:
    return VerificationRecord.objects.select_related("listing__vendor", "issuer").filter(pk=pk).first()


def _introduction_params(introduction: Introduction) -> dict:
    return {"listing": listing_name(introduction.listing)}


def _listing_params(listing: SolutionListing) -> dict:
    return {"listing": listing_name(listing), "vendor": listing.vendor.display_name}


def _record_params(record: VerificationRecord) -> dict:
    return {
        "listing": listing_name(record.listing),
        "vendor": record.listing.vendor.display_name,
        "issuer": record.issuer.display_name,
    }


def _reason(entry, subject) -> str:
    return (entry.data or {}).get("reason", "")


def _no_summary(entry, subject) -> str:
    return ""


@dataclass(frozen=True)
class _Rule:
    """Who hears of one audited action, and what they are told: ``load`` fetches the subject afresh (with what
    ``params`` needs), the other fields read from it; a subject deleted meanwhile notifies nobody."""

    kind: str
    load: Callable[[int], Any]
    recipients: Callable[[Any], list]
    url: Callable[[Any], str]
    params: Callable[[Any], dict]
    summary: Callable[[Any, Any], str] = _no_summary


def _edit_listing_url(record: VerificationRecord) -> str:
    return reverse("marketplace:listing_edit", kwargs={"pk": record.listing_id})


def _decision(kind: str) -> _Rule:
    """The issuer's decision on a verification reaches the vendor, with the reason given."""
    return _Rule(
        kind, _record, lambda r: members_of(r.listing.vendor_id), _edit_listing_url, _record_params, _reason
    )


def _introduction_url(introduction: Introduction) -> str:
    return reverse("marketplace:introduction_detail", kwargs={"pk": introduction.pk})


_REQUESTED = _Rule(
    INTRODUCTION_REQUESTED,
    _introduction,
    lambda i: members_of(i.to_org_id),
    _introduction_url,
    _introduction_params,
    lambda entry, i: i.reason,
)

_RULES: dict[str, _Rule] = {
    "marketplace.introduction.proposal_sent": _REQUESTED,
    "marketplace.introduction.inquiry_sent": _REQUESTED,
    "marketplace.introduction.declined": _Rule(
        INTRODUCTION_DECLINED,
        _introduction,
        lambda i: members_of(i.from_org_id),
        _introduction_url,
        _introduction_params,
        lambda entry, i: i.decline_reason,
    ),
    "marketplace.listing.submitted": _Rule(
        LISTING_SUBMITTED,
        _listing,
        lambda listing: _moderators(),
        lambda listing: reverse("marketplace:moderation_listing", kwargs={"pk": listing.pk}),
        _listing_params,
    ),
    "marketplace.listing.published": _Rule(
        LISTING_PUBLISHED,
        _listing,
        lambda listing: members_of(listing.vendor_id),
        lambda listing: reverse("marketplace:listing_detail", kwargs={"pk": listing.pk}),
        _listing_params,
    ),
    "marketplace.listing.rejected": _Rule(
        LISTING_SENT_BACK,
        _listing,
        lambda listing: members_of(listing.vendor_id),
        lambda listing: reverse("marketplace:listing_edit", kwargs={"pk": listing.pk}),
        _listing_params,
        _reason,
    ),
    "marketplace.verification.claimed": _Rule(
        VERIFICATION_CLAIMED,
        _record,
        lambda r: members_of(r.issuer_id),
        lambda r: reverse("marketplace:verification_decide", kwargs={"pk": r.pk}),
        _record_params,
    ),
    "marketplace.verification.confirmed": _decision(VERIFICATION_CONFIRMED),
    "marketplace.verification.rejected": _decision(VERIFICATION_REJECTED),
    "marketplace.verification.revoked": _decision(VERIFICATION_REVOKED),
}


def on_action_logged(sender, entry, subject=None, **kwargs) -> None:
    rule = _RULES.get(entry.action)
    if rule is None or subject is None:
        return
    target = rule.load(subject.pk)
    if target is None:
        return
    notify(
        rule.recipients(target),
        rule.kind,
        params=rule.params(target),
        url=rule.url(target),
        actor=entry.actor,
        summary=rule.summary(entry, target),
    )


# --- after commit ----------------------------------------------------------------------------------------------


def notify_introduction_accepted(introduction: Introduction, channel_url: str) -> None:
    """The requesting side learns of the acceptance, with a link into the pair's channel."""
    with transaction.atomic():
        notify(
            members_of(introduction.from_org_id),
            INTRODUCTION_ACCEPTED,
            params={"org": introduction.to_org.display_name, "listing": listing_name(introduction.listing)},
            url=channel_url,
            actor=introduction.decided_by,
        )


# --- periodic --------------------------------------------------------------------------------------------------


def do_send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Notify once of each confirmed verification expiring within 30 days and each open need closing within 7;
    returns how many notifications were created. A second run (or a concurrent one) adds none: each reminder
    has a key (record or need, and its end date) that may exist once per person."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    created = 0
    records = VerificationRecord.objects.filter(
        status=RecordStatus.CONFIRMED, expires_on__gte=today, expires_on__lte=today + EXPIRY_NOTICE
    ).select_related("listing__vendor", "issuer")
    for record in records:
        with transaction.atomic():
            created += len(
                notify(
                    members_of(record.listing.vendor_id),
                    VERIFICATION_EXPIRING,
                    params={
                        "listing": listing_name(record.listing),
                        "issuer": record.issuer.display_name,
                        "date": record.expires_on.isoformat(),
                    },
                    url=reverse("marketplace:listing_edit", kwargs={"pk": record.listing_id}),
                    dedupe_key=f"record:{record.pk}:{record.expires_on.isoformat()}",
                )
            )
    needs = Need.objects.filter(
        status__in=[NeedStatus.OPEN, NeedStatus.IN_DISCUSSION],
        expires_at__gt=now,
        expires_at__lte=now + NEED_CLOSING_NOTICE,
    )
    for need in needs:
        closes_on = timezone.localdate(need.expires_at)
        with transaction.atomic():
            created += len(
                notify(
                    members_of(need.owner_id),
                    NEED_CLOSING,
                    params={"need": need.title, "date": closes_on.isoformat()},
                    url=reverse("marketplace:need_edit", kwargs={"pk": need.pk}),
                    dedupe_key=f"need:{need.pk}:{closes_on.isoformat()}",
                )
            )
    return created
