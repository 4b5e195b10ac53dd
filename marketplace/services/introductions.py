"""Introductions (business matching): a vendor proposes a listing to a need, or a user asks a vendor about a
listing. Requests say why, are capped per organisation per day, are never duplicated, and a declined pair waits a
cooling-off period. Acceptance reveals contacts and (after commit) sends ``introduction_accepted``."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation

from .. import conf, permissions, selectors
from ..choices import IntroductionKind, IntroductionStatus, ListingStatus
from ..models import Introduction, IntroductionAttachment, Need, SolutionListing
from ..signals import introduction_accepted
from .common import clean_reason, invalid, require
from .files import save_private_upload
from .needs import mark_in_discussion

LIVE = (IntroductionStatus.PENDING, IntroductionStatus.ACCEPTED)


def check_daily_cap(organisation: Organisation, now: datetime.datetime | None = None) -> None:
    """Caller holds the organisation row lock, so two requests cannot both take the last slot."""
    now = now or timezone.now()
    cap = conf.get("MARKETPLACE_INTRODUCTIONS_PER_DAY")
    sent = Introduction.objects.filter(
        from_org=organisation, created_at__gt=now - datetime.timedelta(days=1)
    ).count()
    if sent >= cap:
        raise invalid(
            _(
                "Your organisation has sent %(cap)s introduction requests in the last 24 hours; try again tomorrow."
            )
            % {"cap": cap},
            "daily_cap",
        )


def _same_subject(kind: str, listing: SolutionListing, need: Need | None) -> Q:
    """The "pair" for duplicates and cooling-off: the vendor and the need for a proposal; the asking
    organisation and the listing for an inquiry."""
    if kind == IntroductionKind.PROPOSAL:
        return Q(kind=kind, need=need)
    return Q(kind=kind, listing=listing)


def check_not_duplicate_or_cooling(
    kind: str, from_org: Organisation, listing: SolutionListing, need: Need | None
) -> None:
    earlier = Introduction.objects.filter(_same_subject(kind, listing, need), from_org=from_org)
    if kind == IntroductionKind.PROPOSAL:
        live = earlier.filter(status__in=LIVE, listing=listing)
    else:
        live = earlier.filter(status__in=LIVE)
    if live.exists():
        raise invalid(_("You have already sent this introduction request."), "duplicate")
    cooling_days = conf.get("MARKETPLACE_INTRODUCTION_COOLING_OFF_DAYS")
    since = timezone.now() - datetime.timedelta(days=cooling_days)
    if earlier.filter(status=IntroductionStatus.DECLINED, decided_at__gt=since).exists():
        raise invalid(
            _("This request was declined recently; you can ask again %(days)s days after it was declined.")
            % {"days": cooling_days},
            "cooling_off",
        )


def _lock_org(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _create(
    *,
    kind: str,
    actor,
    from_org: Organisation,
    to_org: Organisation,
    listing: SolutionListing,
    need: Need | None,
    reason: str,
) -> Introduction:
    _lock_org(from_org)
    check_daily_cap(from_org)
    check_not_duplicate_or_cooling(kind, from_org, listing, need)
    introduction = Introduction(
        kind=kind,
        from_org=from_org,
        to_org=to_org,
        listing=listing,
        need=need,
        reason=reason,
        requested_by=actor,
    )
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError as error:  # a concurrent twin got there first
        raise invalid(_("You have already sent this introduction request."), "duplicate") from error
    log_action(
        f"marketplace.introduction.{kind}_sent",
        actor=actor,
        organisation=from_org,
        subject=introduction,
        data={"to_org_id": to_org.pk, "listing_id": listing.pk, "need_id": need.pk if need else None},
    )
    return introduction


@transaction.atomic
def do_propose(
    *, listing: SolutionListing, need: Need, actor, organisation: Organisation | None, reason: str
) -> Introduction:
    """A vendor member proposes one of its published listings to a need it may see."""
    reason = clean_reason(reason)
    proposing = Actor.acting_for(actor, organisation)
    require(permissions.can_edit_listing(proposing, listing), _("Propose only your own listings."))
    if not selectors.can_view_need(proposing, need):
        raise invalid(_("This need is not available."), "need_not_visible")
    if listing.status != ListingStatus.PUBLISHED:
        raise invalid(_("Only published listings can be proposed."), "listing_not_published", "listing")
    if not need.is_open:
        raise invalid(_("This need is no longer open."), "need_closed")
    if need.owner_id == organisation.pk:
        raise invalid(_("You cannot propose to your own need."), "own_need")
    return _create(
        kind=IntroductionKind.PROPOSAL,
        actor=actor,
        from_org=organisation,
        to_org=need.owner,
        listing=listing,
        need=need,
        reason=reason,
    )


@transaction.atomic
def do_inquire(
    *,
    listing: SolutionListing,
    actor,
    organisation: Organisation | None,
    reason: str,
    need: Need | None = None,
) -> Introduction:
    """A member of any organisation (usually a user company) asks the vendor about a published listing."""
    reason = clean_reason(reason)
    asking = Actor.acting_for(actor, organisation)
    require(asking.organisation is not None)
    if listing.status != ListingStatus.PUBLISHED:
        raise invalid(_("This listing is not available."), "listing_not_published")
    if listing.vendor_id == organisation.pk:
        raise invalid(_("You cannot ask your own organisation."), "own_listing")
    if need is not None and not permissions.can_edit_need(asking, need):
        raise invalid(_("Refer only to your own needs."), "not_own_need", "need")
    return _create(
        kind=IntroductionKind.INQUIRY,
        actor=actor,
        from_org=organisation,
        to_org=listing.vendor,
        listing=listing,
        need=need,
        reason=reason,
    )


def _lock_for_decision(
    introduction: Introduction, *, actor, organisation: Organisation | None
) -> Introduction:
    locked = Introduction.objects.select_for_update().get(pk=introduction.pk)
    require(
        permissions.can_decide_introduction(Actor.acting_for(actor, organisation), locked),
        _("Only the receiving organisation accepts or declines."),
    )
    if locked.status != IntroductionStatus.PENDING:
        raise invalid(_("This introduction was already answered."), "decided")
    return locked


@transaction.atomic
def do_accept_introduction(
    introduction: Introduction, *, actor, organisation: Organisation | None
) -> Introduction:
    introduction = _lock_for_decision(introduction, actor=actor, organisation=organisation)
    introduction.status = IntroductionStatus.ACCEPTED
    introduction.decided_by = actor
    introduction.decided_at = timezone.now()
    introduction.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(
        "marketplace.introduction.accepted", actor=actor, organisation=organisation, subject=introduction
    )
    if introduction.need_id:
        mark_in_discussion(introduction.need, actor=actor)
    introduction_id = introduction.pk
    transaction.on_commit(
        lambda: introduction_accepted.send(sender=Introduction, introduction_id=introduction_id)
    )
    return introduction


@transaction.atomic
def do_decline_introduction(
    introduction: Introduction, *, actor, organisation: Organisation | None, reason: str = ""
) -> Introduction:
    reason = clean_reason(reason, required=False)
    introduction = _lock_for_decision(introduction, actor=actor, organisation=organisation)
    introduction.status = IntroductionStatus.DECLINED
    introduction.decline_reason = reason
    introduction.decided_by = actor
    introduction.decided_at = timezone.now()
    introduction.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    log_action(
        "marketplace.introduction.declined",
        actor=actor,
        organisation=organisation,
        subject=introduction,
        data={"reason": reason},
    )
    return introduction


@transaction.atomic
def do_add_introduction_attachment(
    introduction: Introduction, *, actor, organisation: Organisation | None, upload: UploadedFile
) -> IntroductionAttachment:
    """Either party may attach a file (e.g. a brochure or an NDA); only the two parties can download it."""
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    require(permissions.can_view_introduction(Actor.acting_for(actor, organisation), introduction))
    if introduction.status == IntroductionStatus.DECLINED:
        raise invalid(_("This introduction was declined."), "declined", "file")
    if introduction.attachments.count() >= conf.get("MARKETPLACE_ATTACHMENTS_PER_NEED"):
        raise invalid(_("This introduction already has the maximum number of files."), "too_many", "file")
    attachment = IntroductionAttachment(introduction=introduction)
    checked = save_private_upload(attachment, upload, uploaded_by=actor)
    log_action(
        "marketplace.introduction.attachment_added",
        actor=actor,
        organisation=organisation,
        subject=introduction,
        data={"attachment_id": attachment.pk, "name": checked.original_name},
    )
    return attachment
