"""Wagtail admin for platform staff: listings, needs, verification records, attestations, introductions, case studies
and categories (revisions read-only; images and attachments are managed on the site with their listing or need).

Wagtail's form saves the row; the view then hands it to a follow-up in the same transaction: for listings, needs and
verification records their service (``do_admin_save_listing``, ``do_admin_saved_need``, ``do_admin_saved_record``),
so that revisions, verification levels and the ``listing_changed`` / ``need_changed`` signals stay right; for the
other models an audit entry. Listings and needs are deleted through their services too."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from cpsplatform.audit.services import log_action

from .models import (
    CaseStudy,
    Introduction,
    ListingRevision,
    Need,
    SecurityCategory,
    SolutionListing,
    TrialAttestation,
    VerificationRecord,
)
from .services import case_studies as case_study_services
from .services import categories as category_services
from .services import listings as listing_services
from .services import needs as need_services
from .services import verification as verification_services


def _service_views(after_save, delete=None):
    """Create/Edit/Delete views whose saves run ``after_save(instance, actor=, created=)`` in the same
    transaction (Wagtail wraps ``save_instance`` in ``transaction.atomic``)."""

    class CreateView(generic.CreateView):
        def save_instance(self):
            instance = super().save_instance()
            after_save(instance, actor=self.request.user, created=True)
            return instance

    class EditView(generic.EditView):
        def save_instance(self):
            instance = super().save_instance()
            after_save(instance, actor=self.request.user, created=False)
            return instance

    class DeleteView(generic.DeleteView):
        def delete_action(self):
            if delete is None:
                return super().delete_action()
            delete(self.object, actor=self.request.user)

    return CreateView, EditView, DeleteView


def _audited(code: str):
    def after_save(instance, *, actor, created: bool) -> None:
        log_action(f"{code}.{'admin_created' if created else 'admin_edited'}", actor=actor, subject=instance)

    return after_save


class SecurityCategoryViewSet(ModelViewSet):
    model = SecurityCategory
    icon = "tag"
    menu_label = _("Categories")
    form_fields = [
        "slug",
        "name_ja",
        "name_en",
        "description_ja",
        "description_en",
        "sort_order",
        "is_active",
    ]
    list_display = ["slug", "name_ja", "name_en", "sort_order", "is_active"]
    search_fields = ["slug", "name_ja", "name_en"]
    add_view_class, edit_view_class, delete_view_class = _service_views(
        category_services.do_admin_saved_category, category_services.do_delete_category
    )


class SolutionListingViewSet(ModelViewSet):
    model = SolutionListing
    icon = "pick"
    menu_label = _("Listings")
    form_fields = [
        "vendor",
        *listing_services.EDITABLE_FIELDS,
        "categories",
        "status",
        "moderation_note",
        "is_sponsored",
    ]
    list_display = ["__str__", "vendor", "status", "verification_level", "is_sponsored", "updated_at"]
    list_filter = ["status", "verification_level", "is_sponsored"]
    search_fields = ["name_ja", "name_en", "summary_ja", "summary_en"]
    inspect_view_enabled = True
    add_view_class, edit_view_class, delete_view_class = _service_views(
        listing_services.do_admin_save_listing, listing_services.do_delete_listing
    )


class VerificationRecordViewSet(ModelViewSet):
    model = VerificationRecord
    icon = "success"
    menu_label = _("Verification records")
    form_fields = [
        "listing",
        "kind",
        "issuer",
        "performed_on",
        "expires_on",
        "scope",
        "result_summary",
        "evidence_url",
        "evidence_is_public",
        "status",
        "status_reason",
    ]
    list_display = ["__str__", "issuer", "status", "performed_on", "expires_on"]
    list_filter = ["kind", "status"]
    inspect_view_enabled = True
    add_view_class, edit_view_class, delete_view_class = _service_views(
        verification_services.do_admin_saved_record
    )


class TrialAttestationViewSet(ModelViewSet):
    model = TrialAttestation
    icon = "user"
    menu_label = _("Trial attestations")
    form_fields = ["status_reason", "anonymise"]
    list_display = ["__str__", "organisation", "status", "created_at"]
    list_filter = ["status"]
    inspect_view_enabled = True
    add_view_class, edit_view_class, delete_view_class = _service_views(_audited("marketplace.attestation"))


class NeedViewSet(ModelViewSet):
    model = Need
    icon = "help"
    menu_label = _("Needs")
    form_fields = [
        "owner",
        *need_services.EDITABLE_FIELDS,
        "categories",
        "invited_organisations",
        "status",
    ]
    list_display = ["title", "owner", "need_type", "visibility", "status", "expires_at"]
    list_filter = ["status", "visibility", "need_type", "urgency"]
    search_fields = ["title", "description"]
    inspect_view_enabled = True
    add_view_class, edit_view_class, delete_view_class = _service_views(
        need_services.do_admin_saved_need, need_services.do_delete_need
    )


class IntroductionViewSet(ModelViewSet):
    model = Introduction
    icon = "mail"
    menu_label = _("Introductions")
    form_fields = ["status", "decline_reason"]
    list_display = ["__str__", "listing", "need", "status", "created_at"]
    list_filter = ["kind", "status"]
    inspect_view_enabled = True
    add_view_class, edit_view_class, delete_view_class = _service_views(_audited("marketplace.introduction"))


class CaseStudyViewSet(ModelViewSet):
    model = CaseStudy
    icon = "doc-full"
    menu_label = _("Case studies")
    form_fields = ["listing", *case_study_services.EDITABLE_FIELDS, "status"]
    list_display = ["title", "listing", "status", "consent_obtained", "anonymised"]
    add_view_class, edit_view_class, delete_view_class = _service_views(_audited("marketplace.case_study"))


class ListingRevisionViewSet(ModelViewSet):
    """Revision history (read it; revisions are written by the service layer)."""

    model = ListingRevision
    icon = "history"
    menu_label = _("Listing revisions")
    #: Written with every listing save: not worth a second reference-index scan per save.
    add_to_reference_index = False
    form_fields = ["action"]
    list_display = ["listing", "action", "created_by", "created_at"]
    list_filter = ["action"]
    inspect_view_enabled = True


class MarketplaceGroup(ModelViewSetGroup):
    menu_label = _("Marketplace")
    menu_icon = "pick"
    menu_order = 200
    items = (
        SolutionListingViewSet("marketplace_listings"),
        VerificationRecordViewSet("marketplace_verification"),
        TrialAttestationViewSet("marketplace_attestations"),
        NeedViewSet("marketplace_needs"),
        IntroductionViewSet("marketplace_introductions"),
        CaseStudyViewSet("marketplace_case_studies"),
        ListingRevisionViewSet("marketplace_revisions"),
        SecurityCategoryViewSet("marketplace_categories"),
    )


@hooks.register("register_admin_viewset")
def register_marketplace_viewsets():
    return MarketplaceGroup()
