"""Verification: vendors claim, issuers (or staff) confirm or reject, confirmed records expire or are revoked;
user organisations attest trials, which staff confirm into trial evidence. Every change is audited and ends
by recomputing the listing's stored ``verification_level``."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation, OrganisationKind
from cpsplatform.taxonomy import VerificationLevel

from .. import conf, permissions
from ..choices import LEVEL_OF_KIND, AttestationStatus, RecordStatus, VerificationKind
from ..models import SolutionListing, TrialAttestation, VerificationRecord
from .common import clean_reason, invalid, require, send_listing_changed
from .files import check_private_file

#: Who may issue each kind of record.
ISSUER_KINDS: dict[str, frozenset[str]] = {
    VerificationKind.EFFECTIVENESS: frozenset({OrganisationKind.VERIFICATION_BODY}),
    VerificationKind.ATTACK: frozenset({OrganisationKind.VERIFICATION_BODY}),
    VerificationKind.REGISTERED: frozenset(
        {OrganisationKind.VERIFICATION_BODY, OrganisationKind.PUBLIC_AGENCY}
    ),
    VerificationKind.SME_HELP_STANDARD: frozenset(
        {OrganisationKind.VERIFICATION_BODY, OrganisationKind.PUBLIC_AGENCY}
    ),
    VerificationKind.TRIAL: frozenset(
        {
            OrganisationKind.USER_COMPANY,
            OrganisationKind.UNIVERSITY,
            OrganisationKind.PUBLIC_AGENCY,
            OrganisationKind.VERIFICATION_BODY,
        }
    ),
}


#: Why an organisation that platform staff have not confirmed cannot issue or decide on verifications.
ISSUER_NOT_APPROVED = gettext_lazy(
    "This organisation awaits approval by platform staff; its verifications do not count until then."
)


# --- the level ------------------------------------------------------------------------------------------------


def compute_verification_level(
    listing: SolutionListing, today: datetime.date | None = None
) -> VerificationLevel:
    """Highest confirmed, unexpired record; ``claimed`` when the listing has only open claims; else ``none``."""
    today = today or timezone.localdate()
    kinds = set(listing.verification_records.badge_worthy(today).values_list("kind", flat=True))
    if kinds:
        return max(LEVEL_OF_KIND[kind] for kind in kinds)
    if listing.verification_records.filter(status=RecordStatus.CLAIMED).exists():
        return VerificationLevel.CLAIMED
    return VerificationLevel.NONE


def do_refresh_verification_level(listing: SolutionListing, today: datetime.date | None = None) -> bool:
    """Store the computed level; audit and send ``listing_changed`` when it moved. Returns whether it changed."""
    with transaction.atomic():
        locked = SolutionListing.objects.select_for_update().select_related("vendor").get(pk=listing.pk)
        level = compute_verification_level(locked, today)
        if locked.verification_level == level:
            return False
        previous = locked.verification_level
        locked.verification_level = level
        locked.save(update_fields=["verification_level", "updated_at"])
        listing.verification_level = level
        log_action(
            "marketplace.listing.level_changed",
            organisation=locked.vendor,
            subject=locked,
            data={"from": VerificationLevel(previous).slug, "to": level.slug},
        )
        send_listing_changed(locked.pk)
        return True


def _badges_may_have_changed(listing: SolutionListing) -> None:
    """A confirmed record was decided, edited or withdrawn (caller's transaction): the level may move, and the
    listing's badges (its search document shows the kinds) may change even where the level does not."""
    if not do_refresh_verification_level(listing):  # a level that moved has sent it already
        send_listing_changed(listing.pk)


#: Records that expired this many days back are re-sent to search by the daily refresh (a missed run catches up).
EXPIRY_CATCH_UP_DAYS = 7


def do_refresh_all_verification_levels(today: datetime.date | None = None) -> int:
    """For the periodic command: levels fall when records expire with time. Each listing in its own
    transaction; listings whose badges expired lately are sent to search too. Returns how many levels changed."""
    today = today or timezone.localdate()
    changed = 0
    candidates = SolutionListing.objects.filter(verification_level__gt=VerificationLevel.NONE) | (
        SolutionListing.objects.filter(verification_records__isnull=False)
    )
    for listing in candidates.distinct().only("pk", "verification_level").iterator(chunk_size=500):
        changed += do_refresh_verification_level(listing, today)
    expired = VerificationRecord.objects.filter(
        status=RecordStatus.CONFIRMED,
        expires_on__lt=today,
        expires_on__gte=today - datetime.timedelta(days=EXPIRY_CATCH_UP_DAYS),
    )
    with transaction.atomic():
        for listing_id in expired.values_list("listing_id", flat=True).distinct():
            send_listing_changed(listing_id)
    return changed


def do_refresh_levels_of_issuer(issuer: Organisation) -> int:
    """Recompute every listing that ``issuer`` issued records for, after its staff approval or kind changed (in
    the caller's transaction). Search documents are refreshed for all of them, since their badges may change
    even where the level does not. Returns how many levels changed."""
    changed = 0
    listing_ids = (
        VerificationRecord.objects.filter(issuer=issuer).values_list("listing_id", flat=True).distinct()
    )
    for listing in SolutionListing.objects.filter(pk__in=listing_ids).only("pk", "verification_level"):
        if do_refresh_verification_level(listing):
            changed += 1
        else:
            send_listing_changed(listing.pk)
    return changed


# --- claims ---------------------------------------------------------------------------------------------------


def check_issuer(kind: str, issuer: Organisation, listing: SolutionListing) -> None:
    """The issuer a vendor names must be able to issue ``kind``, be approved by platform staff, and be
    independent of the vendor (not the vendor, no member in common). ``_decide`` asks the last two again."""
    if kind not in ISSUER_KINDS:
        raise invalid(_("Unknown kind of verification."), "bad_kind", "kind")
    if issuer.kind not in ISSUER_KINDS[kind]:
        raise invalid(_("This organisation cannot issue this kind of verification."), "bad_issuer", "issuer")
    if issuer.pk == listing.vendor_id:
        raise invalid(_("A vendor cannot verify its own solution."), "self_issued", "issuer")
    if not permissions.is_approved_issuer(issuer):
        raise invalid(ISSUER_NOT_APPROVED, "issuer_not_approved", "issuer")
    if not permissions.is_independent_of(issuer, listing.vendor_id):
        raise invalid(
            _("This organisation shares a member with your organisation, so it cannot verify your solution."),
            "issuer_not_independent",
            "issuer",
        )


def check_dates(performed_on: datetime.date, expires_on: datetime.date | None) -> None:
    if performed_on > timezone.localdate():
        raise invalid(
            _("The verification cannot have been performed in the future."), "future", "performed_on"
        )
    if expires_on is not None and expires_on < performed_on:
        raise invalid(_("The expiry date must be after the date performed."), "expiry_order", "expires_on")


@transaction.atomic
def do_claim_verification(
    listing: SolutionListing,
    *,
    actor,
    organisation: Organisation | None,
    kind: str,
    issuer: Organisation,
    performed_on: datetime.date,
    expires_on: datetime.date | None,
    scope: str,
    result_summary: str,
    evidence_url: str = "",
    evidence_file: UploadedFile | None = None,
    evidence_is_public: bool = False,
) -> VerificationRecord:
    """A vendor member claims a record for its own listing. It shows no badge until the issuer confirms it."""
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    require(
        permissions.can_edit_listing(Actor.acting_for(actor, organisation), listing),
        _("Only the vendor claims verifications."),
    )
    check_issuer(kind, issuer, listing)
    check_dates(performed_on, expires_on)
    if not evidence_url and evidence_file is None:
        raise invalid(_("Attach the report or give a link to the evidence."), "no_evidence", "evidence_url")
    record = VerificationRecord(
        listing=listing,
        kind=kind,
        issuer=issuer,
        performed_on=performed_on,
        expires_on=expires_on,
        scope=scope,
        result_summary=result_summary,
        evidence_url=evidence_url,
        evidence_is_public=evidence_is_public,
        status=RecordStatus.CLAIMED,
        claimed_by=actor,
    )
    record.full_clean(
        exclude=["listing", "issuer", "evidence_file", "attestation", "claimed_by", "decided_by"]
    )
    if evidence_file is not None:
        checked = check_private_file(evidence_file, field="evidence_file")
        record.evidence_file_name = checked.original_name
        record.evidence_file.save(checked.original_name, evidence_file, save=False)
    record.save()
    log_action(
        "marketplace.verification.claimed",
        actor=actor,
        organisation=organisation,
        subject=record,
        data={"listing_id": listing.pk, "kind": kind, "issuer_id": issuer.pk},
    )
    do_refresh_verification_level(listing)
    return record


def _decide(record: VerificationRecord, *, actor, organisation: Organisation | None) -> VerificationRecord:
    """Lock the record and check, now, that ``actor`` may decide on it: staff approval of the issuer and its
    independence from the vendor are asked at every decision, not only when the vendor claimed.

    Only the record's row is locked (``of=("self",)``): locking the issuer's row here too would let a decision
    and staff withdrawing the issuer's approval (organisation row, then listings) wait for each other."""
    locked = (
        VerificationRecord.objects.select_for_update(of=("self",))
        .select_related("listing", "issuer")
        .get(pk=record.pk)
    )
    require(
        permissions.can_decide_verification(Actor.acting_for(actor, organisation), locked),
        _("Only the issuing organisation or platform staff decide on this record, never the vendor."),
    )
    return locked


def _record_decision(
    record: VerificationRecord,
    status: str,
    action: str,
    *,
    actor,
    organisation,
    reason: str = "",
    also_save: tuple[str, ...] = (),
) -> VerificationRecord:
    """Set the decided status, audit it and refresh the listing's level. The caller holds the record's lock
    (``_decide``) and has checked the transition."""
    record.status = status
    record.status_reason = reason
    record.decided_by = actor
    record.decided_at = timezone.now()
    record.save(update_fields=["status", "status_reason", "decided_by", "decided_at", *also_save])
    _audit_decision(record, action, actor=actor, organisation=organisation, reason=reason)
    _badges_may_have_changed(record.listing)
    return record


def _audit_decision(
    record: VerificationRecord, action: str, *, actor, organisation, reason: str = ""
) -> None:
    log_action(
        action,
        actor=actor,
        organisation=organisation,
        subject=record,
        data={
            "listing_id": record.listing_id,
            "kind": record.kind,
            "status": record.status,
            "reason": reason,
        },
    )


@transaction.atomic
def do_confirm_verification(
    record: VerificationRecord,
    *,
    actor,
    organisation: Organisation | None,
    expires_on: datetime.date | None = None,
) -> VerificationRecord:
    record = _decide(record, actor=actor, organisation=organisation)
    if record.status != RecordStatus.CLAIMED:
        raise invalid(_("Only an open claim can be confirmed."), "not_claimed")
    if not permissions.is_approved_issuer(record.issuer):
        # Staff reach here too: a confirmation in the name of an issuer nobody vouches for would not count.
        raise invalid(ISSUER_NOT_APPROVED, "issuer_not_approved")
    if expires_on is not None:
        check_dates(record.performed_on, expires_on)
        record.expires_on = expires_on
    if record.is_expired():
        raise invalid(_("This record has already expired; it cannot be confirmed."), "expired", "expires_on")
    return _record_decision(
        record,
        RecordStatus.CONFIRMED,
        "marketplace.verification.confirmed",
        actor=actor,
        organisation=organisation,
        also_save=("expires_on",),
    )


@transaction.atomic
def do_reject_verification(
    record: VerificationRecord, *, actor, organisation: Organisation | None, reason: str
) -> VerificationRecord:
    reason = clean_reason(reason)
    record = _decide(record, actor=actor, organisation=organisation)
    if record.status != RecordStatus.CLAIMED:
        raise invalid(_("Only an open claim can be rejected."), "not_claimed")
    return _record_decision(
        record,
        RecordStatus.REJECTED,
        "marketplace.verification.rejected",
        actor=actor,
        organisation=organisation,
        reason=reason,
    )


@transaction.atomic
def do_revoke_verification(
    record: VerificationRecord, *, actor, organisation: Organisation | None, reason: str
) -> VerificationRecord:
    reason = clean_reason(reason)
    record = _decide(record, actor=actor, organisation=organisation)
    if record.status != RecordStatus.CONFIRMED:
        raise invalid(_("Only a confirmed record can be revoked."), "not_confirmed")
    return _record_decision(
        record,
        RecordStatus.REVOKED,
        "marketplace.verification.revoked",
        actor=actor,
        organisation=organisation,
        reason=reason,
    )


# --- trial attestations ---------------------------------------------------------------------------------------


@transaction.atomic
def do_attest_trial(
    listing: SolutionListing,
    *,
    actor,
    organisation: Organisation | None,
    started_on: datetime.date,
    ended_on: datetime.date,
    environment: str,
    result_summary: str,
    anonymise: bool = True,
) -> TrialAttestation:
    """A user organisation that trialled a published listing in its own environment says so."""
    require(
        permissions.can_attest_trial(Actor.acting_for(actor, organisation), listing),
        _("Only a user organisation that is not the vendor can attest a trial."),
    )
    if not listing.is_published:
        raise invalid(_("Only published listings can be attested."), "not_published")
    if ended_on < started_on:
        raise invalid(_("The trial must end after it starts."), "date_order", "ended_on")
    if ended_on > timezone.localdate():
        raise invalid(_("Attest a trial once it has ended."), "future", "ended_on")
    if TrialAttestation.objects.filter(
        listing=listing, organisation=organisation, status=AttestationStatus.PENDING
    ).exists():
        raise invalid(_("Your organisation already has an attestation waiting for review."), "duplicate")
    attestation = TrialAttestation(
        listing=listing,
        organisation=organisation,
        attested_by=actor,
        started_on=started_on,
        ended_on=ended_on,
        environment=environment,
        result_summary=result_summary,
        anonymise=anonymise,
    )
    attestation.full_clean(exclude=["listing", "organisation", "attested_by", "decided_by"])
    attestation.save()
    log_action(
        "marketplace.attestation.submitted",
        actor=actor,
        organisation=organisation,
        subject=attestation,
        data={"listing_id": listing.pk, "anonymise": anonymise},
    )
    return attestation


@transaction.atomic
def do_confirm_attestation(attestation: TrialAttestation, *, actor) -> VerificationRecord:
    """Staff confirm: the attestation becomes a confirmed trial record issued by the attesting organisation."""
    attestation = (
        TrialAttestation.objects.select_for_update()
        .select_related("listing", "organisation")
        .get(pk=attestation.pk)
    )
    require(
        permissions.can_decide_attestation(Actor(actor), attestation),
        _("Only platform staff confirm attestations."),
    )
    if attestation.status != AttestationStatus.PENDING:
        raise invalid(_("This attestation was already decided."), "decided")
    attestation.status = AttestationStatus.CONFIRMED
    attestation.decided_by = actor
    attestation.decided_at = timezone.now()
    attestation.save(update_fields=["status", "decided_by", "decided_at"])
    record = VerificationRecord.objects.create(
        listing=attestation.listing,
        kind=VerificationKind.TRIAL,
        issuer=attestation.organisation,
        performed_on=attestation.ended_on,
        expires_on=attestation.ended_on
        + datetime.timedelta(days=conf.get("MARKETPLACE_TRIAL_VALIDITY_DAYS")),
        scope=attestation.environment,
        result_summary=attestation.result_summary,
        attestation=attestation,
        status=RecordStatus.CONFIRMED,
        claimed_by=attestation.attested_by,
        decided_by=actor,
        decided_at=attestation.decided_at,
    )
    log_action(
        "marketplace.attestation.confirmed", actor=actor, subject=attestation, data={"record_id": record.pk}
    )
    _audit_decision(record, "marketplace.verification.confirmed", actor=actor, organisation=None)
    _badges_may_have_changed(attestation.listing)
    return record


@transaction.atomic
def do_reject_attestation(attestation: TrialAttestation, *, actor, reason: str) -> TrialAttestation:
    reason = clean_reason(reason)
    attestation = (
        TrialAttestation.objects.select_for_update().select_related("listing").get(pk=attestation.pk)
    )
    require(
        permissions.can_decide_attestation(Actor(actor), attestation),
        _("Only platform staff decide attestations."),
    )
    if attestation.status != AttestationStatus.PENDING:
        raise invalid(_("This attestation was already decided."), "decided")
    attestation.status = AttestationStatus.REJECTED
    attestation.status_reason = reason
    attestation.decided_by = actor
    attestation.decided_at = timezone.now()
    attestation.save(update_fields=["status", "status_reason", "decided_by", "decided_at"])
    log_action("marketplace.attestation.rejected", actor=actor, subject=attestation, data={"reason": reason})
    return attestation


def do_admin_saved_record(record: VerificationRecord, *, actor, created: bool) -> None:
    """Called by the Wagtail admin (inside its transaction) after staff edited a record."""
    moderator = Actor(actor)
    require(permissions.can_moderate(moderator))
    require(
        not moderator.is_member_of_id(record.listing.vendor_id),
        _("Staff cannot verify their own organisation's listing."),
    )
    _audit_decision(
        record,
        "marketplace.verification.admin_created" if created else "marketplace.verification.admin_edited",
        actor=actor,
        organisation=None,
    )
    _badges_may_have_changed(record.listing)
