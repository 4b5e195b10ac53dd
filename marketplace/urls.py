from django.urls import path

from .views import files, introductions, needs, public, staff, vendor, verification

app_name = "marketplace"
urlpatterns = [
    # Public
    path("", public.index, name="index"),
    path("listings/<int:pk>/", public.listing_detail, name="listing_detail"),
    path("vendors/<slug:slug>/", public.vendor_profile, name="vendor_profile"),
    path("verified/", public.verification_register, name="verification_register"),
    path("needs/", public.need_list, name="need_list"),
    path("needs/<int:pk>/", public.need_detail, name="need_detail"),
    # Vendor dashboard
    path("dashboard/listings/", vendor.dashboard, name="vendor_dashboard"),
    path("dashboard/listings/new/", vendor.listing_create, name="listing_create"),
    path("dashboard/listings/<int:pk>/", vendor.listing_edit, name="listing_edit"),
    path("dashboard/listings/<int:pk>/submit/", vendor.listing_submit, name="listing_submit"),
    path("dashboard/listings/<int:pk>/archive/", vendor.listing_archive, name="listing_archive"),
    path("dashboard/listings/<int:pk>/reopen/", vendor.listing_reopen, name="listing_reopen"),
    path("dashboard/listings/<int:pk>/images/", vendor.listing_images, name="listing_images"),
    path(
        "dashboard/listings/<int:pk>/images/<int:image_pk>/delete/",
        vendor.listing_image_delete,
        name="listing_image_delete",
    ),
    path("dashboard/listings/<int:pk>/verification/new/", vendor.listing_claim, name="listing_claim"),
    path(
        "dashboard/listings/<int:pk>/case-studies/new/", vendor.listing_case_study, name="listing_case_study"
    ),
    path("needs/<int:pk>/propose/", vendor.need_propose, name="need_propose"),
    # User dashboard
    path("dashboard/needs/", needs.dashboard, name="needs_dashboard"),
    path("dashboard/needs/new/", needs.need_create, name="need_create"),
    path("dashboard/needs/<int:pk>/", needs.need_edit, name="need_edit"),
    path("dashboard/needs/<int:pk>/status/", needs.need_status, name="need_status"),
    path("dashboard/needs/<int:pk>/invite/", needs.need_invite, name="need_invite"),
    path("dashboard/needs/<int:pk>/attachments/", needs.need_attachments, name="need_attachments"),
    path(
        "dashboard/needs/<int:pk>/attachments/<int:attachment_pk>/delete/",
        needs.need_attachment_delete,
        name="need_attachment_delete",
    ),
    path("listings/<int:pk>/inquire/", needs.listing_inquire, name="listing_inquire"),
    path("listings/<int:pk>/attest/", needs.listing_attest, name="listing_attest"),
    # Verification bodies
    path("verification/", verification.queue, name="verification_queue"),
    path("verification/records/<int:pk>/", verification.decide, name="verification_decide"),
    # Introductions
    path("introductions/", introductions.inbox, name="introductions"),
    path("introductions/<int:pk>/", introductions.detail, name="introduction_detail"),
    path("introductions/<int:pk>/decide/", introductions.decide, name="introduction_decide"),
    path("introductions/<int:pk>/attach/", introductions.attach, name="introduction_attach"),
    # Platform staff
    path("moderation/", staff.queue, name="moderation_queue"),
    path("moderation/listings/<int:pk>/", staff.listing, name="moderation_listing"),
    path("moderation/attestations/<int:pk>/", staff.attestation, name="moderation_attestation"),
    # Private files
    path("files/evidence/<int:pk>/", files.evidence_file, name="evidence_file"),
    path("files/needs/<int:pk>/", files.need_attachment, name="need_attachment"),
    path("files/introductions/<int:pk>/", files.introduction_attachment, name="introduction_attachment"),
]
