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


def _introduction(entry, subject) -> None:
    introduction = (
        Introduction.objects.select_related("listing", "from_org", "to_org").filter(pk=subject.pk).first()
    )
    if introduction is None:
        return
    url = reverse("marketplace:introduction_detail", kwargs={"pk": introduction.pk})
    params = {"listing": listing_name(introduction.listing)}
    if entry.action in {"marketplace.introduction.proposal_sent", "marketplace.introduction.inquiry_sent"}:
        notify(
            members_of(introduction.to_org_id),
            INTRODUCTION_REQUESTED,
            params=params,
            url=url,
            actor=entry.actor,
            summary=introduction.reason,
        )
    elif entry.action == "marketplace.introduction.declined":
        notify(
            members_of(introduction.from_org_id),
            INTRODUCTION_DECLINED,
            params=params,
            url=url,
            actor=entry.actor,
            summary=introduction.decline_reason,
        )


def _listing(entry, subject) -> None:
    listing = SolutionListing.objects.select_related("vendor").filter(pk=subject.pk).first()
    if listing is None:
        return
    params = {"listing": listing_name(listing), "vendor": listing.vendor.display_name}
    if entry.action == "marketplace.listing.submitted":
        url = reverse("marketplace:moderation_listing", kwargs={"pk": listing.pk})
        notify(_moderators(), LISTING_SUBMITTED, params=params, url=url, actor=entry.actor)
        return
    url = reverse("marketplace:listing_edit", kwargs={"pk": listing.pk})
    if entry.action == "marketplace.listing.published":
        url = reverse("marketplace:listing_detail", kwargs={"pk": listing.pk})
        notify(members_of(listing.vendor_id), LISTING_PUBLISHED, params=params, url=url, actor=entry.actor)
    elif entry.action == "marketplace.listing.rejected":
        notify(
            members_of(listing.vendor_id),
            LISTING_SENT_BACK,
            params=params,
            url=url,
            actor=entry.actor,
            summary=(entry.data or {}).get("reason", ""),
        )


_DECISIONS = {
    "marketplace.verification.confirmed": VERIFICATION_CONFIRMED,
    "marketplace.verification.rejected": VERIFICATION_REJECTED,
    "marketplace.verification.revoked": VERIFICATION_REVOKED,
}


def _verification(entry, subject) -> None:
    record = (
        VerificationRecord.objects.select_related("listing__vendor", "issuer").filter(pk=subject.pk).first()
    )
    if record is None:
        return
    params = {
        "listing": listing_name(record.listing),
        "vendor": record.listing.vendor.display_name,
        "issuer": record.issuer.display_name,
    }
    if entry.action == "marketplace.verification.claimed":
        url = reverse("marketplace:verification_decide", kwargs={"pk": record.pk})
        notify(members_of(record.issuer_id), VERIFICATION_CLAIMED, params=params, url=url, actor=entry.actor)
    elif entry.action in _DECISIONS:
        url = reverse("marketplace:listing_edit", kwargs={"pk": record.listing_id})
        notify(
            members_of(record.listing.vendor_id),
            _DECISIONS[entry.action],
            params=params,
            url=url,
            actor=entry.actor,
            summary=(entry.data or {}).get("reason", ""),
        )


_HANDLERS = {
    "marketplace.introduction.proposal_sent": _introduction,
    "marketplace.introduction.inquiry_sent": _introduction,
    "marketplace.introduction.declined": _introduction,
    "marketplace.listing.submitted": _listing,
    "marketplace.listing.published": _listing,
    "marketplace.listing.rejected": _listing,
    "marketplace.verification.claimed": _verification,
    **{action: _verification for action in _DECISIONS},
}


def on_action_logged(sender, entry, subject=None, **kwargs) -> None:
    handler = _HANDLERS.get(entry.action)
    if handler is not None and subject is not None:
        handler(entry, subject)


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
