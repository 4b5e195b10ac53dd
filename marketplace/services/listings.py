"""Listing lifecycle: draft → submitted → published → archived, with staff moderation and revision history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation

from .. import permissions
from ..choices import ListingStatus
from ..fields import join_labels
from ..models import ListingRevision, SecurityCategory, SolutionListing
from .common import assign, invalid, require, send_listing_changed

#: Fields a vendor edits through the dashboard (and staff through the admin), in the order forms show them.
EDITABLE_FIELDS = (
    "name_ja",
    "name_en",
    "summary_ja",
    "summary_en",
    "description_ja",
    "description_en",
    "cpsf_layers",
    "cpsf_components",
    "industries",
    "company_sizes",
    "regions",
    "delivery_models",
    "languages",
    "price_min_jpy",
    "price_max_jpy",
    "price_unit",
    "website",
    "contact_email",
)


def snapshot(listing: SolutionListing) -> dict[str, Any]:
    """What a revision keeps: every editable field, status, level and categories."""
    data = {name: getattr(listing, name) for name in sorted(EDITABLE_FIELDS)}
    data.update(
        status=listing.status,
        verification_level=listing.verification_level,
        is_sponsored=listing.is_sponsored,
        categories=sorted(listing.categories.values_list("slug", flat=True)) if listing.pk else [],
    )
    return data


def record_change(listing: SolutionListing, action: str, *, actor, data: dict | None = None) -> None:
    """Revision + audit entry + ``listing_changed``, all inside the caller's transaction."""
    ListingRevision.objects.create(
        listing=listing, action=action, snapshot=snapshot(listing), created_by=actor
    )
    log_action(action, actor=actor, organisation=listing.vendor, subject=listing, data=data or {})
    send_listing_changed(listing.pk)


def check_listing(listing: SolutionListing, categories: Iterable[SecurityCategory]) -> list[SecurityCategory]:
    """Field validation plus the cross-field rules. Raises ``ValidationError`` keyed by field."""
    errors: dict[str, list[str]] = {}
    try:
        listing.full_clean(exclude=["vendor", "created_by"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not (listing.name_ja.strip() or listing.name_en.strip()):
        errors.setdefault("name_ja", []).append(_("Give the solution a name in Japanese or English."))
    low, high = listing.price_min_jpy, listing.price_max_jpy
    if low is not None and high is not None and low > high:
        errors.setdefault("price_max_jpy", []).append(
            _("The upper price must not be lower than the lower price.")
        )
    if (low is not None or high is not None) and not listing.price_unit:
        errors.setdefault("price_unit", []).append(_("Say whether the price is monthly or one-off."))
    categories = list(categories)
    for category in categories:
        if not isinstance(category, SecurityCategory) or category.pk is None or not category.is_active:
            errors.setdefault("categories", []).append(_("Unknown category."))
            break
    if errors:
        raise ValidationError(errors)
    return categories


@transaction.atomic
def do_create_listing(
    *,
    vendor: Organisation,
    actor,
    data: dict[str, Any],
    categories: Iterable[SecurityCategory] = (),
) -> SolutionListing:
    require(
        permissions.can_create_listing(Actor.acting_for(actor, vendor)),
        _("Only members of a vendor organisation add listings."),
    )
    listing = SolutionListing(vendor=vendor, created_by=actor, status=ListingStatus.DRAFT)
    assign(listing, data, EDITABLE_FIELDS)
    categories = check_listing(listing, categories)
    listing.save()
    listing.categories.set(categories)
    record_change(listing, "marketplace.listing.created", actor=actor)
    return listing


@transaction.atomic
def do_update_listing(
    listing: SolutionListing,
    *,
    actor,
    organisation: Organisation | None,
    data: dict[str, Any],
    categories: Iterable[SecurityCategory] | None = None,
) -> SolutionListing:
    """Edits by the vendor. A published listing stays published; every version is kept as a revision."""
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    require(permissions.can_edit_listing(Actor.acting_for(actor, organisation), listing))
    if listing.status == ListingStatus.ARCHIVED:
        raise invalid(_("Archived listings cannot be edited; reopen it first."), "archived")
    assign(listing, data, EDITABLE_FIELDS)
    checked = check_listing(listing, listing.categories.all() if categories is None else categories)
    listing.save()
    if categories is not None:
        listing.categories.set(checked)
    record_change(listing, "marketplace.listing.updated", actor=actor, data={"fields": sorted(data)})
    return listing


def check_can_submit(listing: SolutionListing) -> None:
    if listing.status != ListingStatus.DRAFT:
        raise invalid(_("Only a draft can be submitted for review."), "not_draft")
    missing = []
    if not (listing.summary_ja or listing.summary_en):
        missing.append(_("a summary"))
    if not listing.categories.exists():
        missing.append(_("at least one category"))
    if not listing.regions:
        missing.append(_("the regions served"))
    if missing:
        raise invalid(
            _("Before submitting, add %(missing)s.") % {"missing": join_labels(missing)}, "incomplete"
        )


@transaction.atomic
def do_submit_listing(
    listing: SolutionListing, *, actor, organisation: Organisation | None
) -> SolutionListing:
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    require(permissions.can_edit_listing(Actor.acting_for(actor, organisation), listing))
    check_can_submit(listing)
    listing.status = ListingStatus.SUBMITTED
    listing.submitted_at = timezone.now()
    listing.moderation_note = ""
    listing.save(update_fields=["status", "submitted_at", "moderation_note", "updated_at"])
    record_change(listing, "marketplace.listing.submitted", actor=actor)
    return listing


@transaction.atomic
def do_publish_listing(listing: SolutionListing, *, actor) -> SolutionListing:
    """Platform staff approve a submitted listing."""
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    moderator = Actor(actor)
    require(permissions.can_moderate(moderator), _("Only platform staff publish listings."))
    require(
        not moderator.is_member_of_id(listing.vendor_id),
        _("Staff cannot moderate their own organisation's listing."),
    )
    if listing.status != ListingStatus.SUBMITTED:
        raise invalid(_("Only a submitted listing can be published."), "not_submitted")
    listing.status = ListingStatus.PUBLISHED
    listing.published_at = timezone.now()
    listing.save(update_fields=["status", "published_at", "updated_at"])
    record_change(listing, "marketplace.listing.published", actor=actor)
    return listing


@transaction.atomic
def do_reject_listing(listing: SolutionListing, *, actor, reason: str) -> SolutionListing:
    """Platform staff send a submitted listing back to draft, saying why."""
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    moderator = Actor(actor)
    require(permissions.can_moderate(moderator), _("Only platform staff moderate listings."))
    require(
        not moderator.is_member_of_id(listing.vendor_id),
        _("Staff cannot moderate their own organisation's listing."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise invalid(_("Say why the listing is sent back."), "reason_required", "reason")
    if listing.status != ListingStatus.SUBMITTED:
        raise invalid(_("Only a submitted listing can be sent back."), "not_submitted")
    listing.status = ListingStatus.DRAFT
    listing.moderation_note = reason
    listing.full_clean(exclude=["vendor", "created_by"], validate_constraints=False)
    listing.save(update_fields=["status", "moderation_note", "updated_at"])
    record_change(listing, "marketplace.listing.rejected", actor=actor, data={"reason": reason})
    return listing


@transaction.atomic
def do_archive_listing(
    listing: SolutionListing, *, actor, organisation: Organisation | None
) -> SolutionListing:
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    asking = Actor.acting_for(actor, organisation)
    require(permissions.can_edit_listing(asking, listing) or permissions.can_moderate(asking))
    if listing.status == ListingStatus.ARCHIVED:
        raise invalid(_("The listing is already archived."), "archived")
    listing.status = ListingStatus.ARCHIVED
    listing.archived_at = timezone.now()
    listing.save(update_fields=["status", "archived_at", "updated_at"])
    record_change(listing, "marketplace.listing.archived", actor=actor)
    return listing


@transaction.atomic
def do_reopen_listing(
    listing: SolutionListing, *, actor, organisation: Organisation | None
) -> SolutionListing:
    """An archived listing goes back to draft (and through review again)."""
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    require(permissions.can_edit_listing(Actor.acting_for(actor, organisation), listing))
    if listing.status != ListingStatus.ARCHIVED:
        raise invalid(_("Only an archived listing can be reopened."), "not_archived")
    listing.status = ListingStatus.DRAFT
    listing.save(update_fields=["status", "updated_at"])
    record_change(listing, "marketplace.listing.reopened", actor=actor)
    return listing


@transaction.atomic
def do_set_sponsored(listing: SolutionListing, *, actor, sponsored: bool) -> SolutionListing:
    """Staff only. Sponsorship is a label; it never changes rank, level or badges."""
    require(permissions.can_moderate(Actor(actor)))
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    listing.is_sponsored = sponsored
    listing.save(update_fields=["is_sponsored", "updated_at"])
    record_change(
        listing, "marketplace.listing.sponsorship_changed", actor=actor, data={"sponsored": sponsored}
    )
    return listing


def do_admin_save_listing(listing: SolutionListing, *, actor, created: bool) -> SolutionListing:
    """Called by the Wagtail admin (inside its transaction) after staff saved the form."""
    from .verification import do_refresh_verification_level

    require(permissions.can_moderate(Actor(actor)))
    record_change(
        listing, "marketplace.listing.created" if created else "marketplace.listing.admin_edited", actor=actor
    )
    do_refresh_verification_level(listing)
    return listing


@transaction.atomic
def do_delete_listing(listing: SolutionListing, *, actor) -> None:
    require(
        permissions.can_moderate(Actor(actor)),
        _("Only platform staff delete listings; vendors archive them."),
    )
    listing_id = listing.pk
    log_action(
        "marketplace.listing.deleted",
        actor=actor,
        organisation=listing.vendor,
        data={"listing_id": listing_id, "snapshot": snapshot(listing)},
    )
    listing.delete()
    send_listing_changed(listing_id, deleted=True)
