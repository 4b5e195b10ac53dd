"""Case studies: published only with the customer's consent, usually anonymised."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation

from .. import permissions
from ..choices import CaseStudyStatus
from ..models import CaseStudy, SolutionListing
from .common import assign, invalid, require, send_listing_changed

#: Fields the owner edits, in the order forms show them (the forms derive their fields from this).
EDITABLE_FIELDS = (
    "title",
    "body",
    "customer_name",
    "anonymised",
    "customer_industry",
    "customer_region",
    "customer_employees",
    "consent_obtained",
)


def check_case_study(case: CaseStudy) -> None:
    errors: dict[str, list[str]] = {}
    try:
        case.full_clean(exclude=["listing"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not case.anonymised and not case.customer_name.strip():
        errors.setdefault("customer_name", []).append(
            _("Name the customer, or publish the story anonymised.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_save_case_study(
    listing: SolutionListing,
    *,
    actor,
    organisation: Organisation | None,
    data: dict[str, Any],
    case: CaseStudy | None = None,
    publish: bool = False,
) -> CaseStudy:
    require(permissions.can_edit_listing(Actor.acting_for(actor, organisation), listing))
    case = case or CaseStudy(listing=listing)
    if case.listing_id != listing.pk:
        raise invalid(_("This case study belongs to another listing."), "wrong_listing")
    was_consented = case.consent_obtained
    assign(case, data, EDITABLE_FIELDS)
    if publish and not case.consent_obtained:
        raise invalid(
            _("A case study is published only with the customer's consent."), "no_consent", "consent_obtained"
        )
    case.status = CaseStudyStatus.PUBLISHED if publish else CaseStudyStatus.DRAFT
    if case.consent_obtained and not was_consented:
        case.consent_recorded_at = timezone.now()
    check_case_study(case)
    case.save()
    log_action(
        "marketplace.case_study.published" if publish else "marketplace.case_study.saved",
        actor=actor,
        organisation=organisation,
        subject=listing,
        data={"case_study_id": case.pk, "anonymised": case.anonymised, "consent": case.consent_obtained},
    )
    send_listing_changed(listing.pk)
    return case
