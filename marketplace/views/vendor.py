"""The vendor dashboard: listings, images, verification claims, case studies, proposals to needs."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpsplatform.edge.body import accepts_upload
from cpsplatform.refusals import flash, submit

from .. import conf, permissions, selectors
from ..choices import ListingStatus
from ..forms import CaseStudyForm, ImageUploadForm, ListingForm, ProposalForm, VerificationClaimForm
from ..models import ListingImage, SolutionListing
from ..services import case_studies as case_study_services
from ..services import images as image_services
from ..services import introductions as introduction_services
from ..services import listings as listing_services
from ..services import verification as verification_services
from .common import cannot, not_found


def _own_listing(request, pk: int) -> SolutionListing:
    """The listing if the user may edit it; otherwise 404 (other vendors do not learn it exists)."""
    listing = get_object_or_404(SolutionListing.objects.select_related("vendor"), pk=pk)
    if not permissions.can_edit_listing(request.actor, listing):
        raise not_found()
    return listing


@login_required
def dashboard(request):
    organisation = request.actor.organisation
    if not permissions.can_create_listing(request.actor):
        return render(request, "marketplace/vendor_dashboard.html", {"not_vendor": True}, status=200)
    listings = selectors.listings_of(organisation).prefetch_related("verification_records")
    return render(request, "marketplace/vendor_dashboard.html", {"listings": listings})


@login_required
def listing_create(request):
    organisation = request.actor.organisation
    if not permissions.can_create_listing(request.actor):
        return cannot(request, _("Only members of a vendor organisation add listings."))
    form = ListingForm(request.POST or None)
    if response := submit(
        request,
        form,
        lambda: listing_services.do_create_listing(
            vendor=organisation,
            actor=request.user,
            data=form.service_data(),
            categories=form.cleaned_data["categories"],
        ),
        success=_("Draft saved. Add images and verification, then submit it for review."),
        then=lambda listing: redirect("marketplace:listing_edit", pk=listing.pk),
    ):
        return response
    return render(request, "marketplace/listing_form.html", {"form": form, "listing": None})


@login_required
def listing_edit(request, pk: int):
    listing = _own_listing(request, pk)
    form = ListingForm(request.POST or None, instance=listing)
    if response := submit(
        request,
        form,
        lambda: listing_services.do_update_listing(
            listing,
            actor=request.user,
            organisation=request.actor.organisation,
            data=form.service_data(),
            categories=form.cleaned_data["categories"],
        ),
        success=_("Listing saved."),
        then=lambda _saved: redirect("marketplace:listing_edit", pk=listing.pk),
    ):
        return response
    context = {
        "form": form,
        "listing": listing,
        "images": listing.images.all(),
        "records": listing.verification_records.select_related("issuer"),
        "revisions": listing.revisions.select_related("created_by")[:10],
        "image_form": ImageUploadForm(),
    }
    return render(request, "marketplace/listing_form.html", context)


def _transition(request, pk: int, service, done: str):
    listing = _own_listing(request, pk)
    try:
        service(listing, actor=request.user, organisation=request.actor.organisation)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, done)
    return redirect("marketplace:listing_edit", pk=listing.pk)


@login_required
@require_POST
def listing_submit(request, pk: int):
    return _transition(request, pk, listing_services.do_submit_listing, _("Submitted for review."))


@login_required
@require_POST
def listing_archive(request, pk: int):
    return _transition(request, pk, listing_services.do_archive_listing, _("Listing archived."))


@login_required
@require_POST
def listing_reopen(request, pk: int):
    return _transition(request, pk, listing_services.do_reopen_listing, _("Listing reopened as a draft."))


@accepts_upload(partial(conf.get, "MARKETPLACE_IMAGE_MAX_BYTES"))
@login_required
def listing_images(request, pk: int):
    listing = _own_listing(request, pk)
    form = ImageUploadForm(request.POST or None, request.FILES or None)
    if response := submit(
        request,
        form,
        lambda: image_services.do_add_listing_image(
            listing,
            actor=request.user,
            organisation=request.actor.organisation,
            upload=form.cleaned_data["image"],
            kind=form.cleaned_data["kind"],
            alt_text=form.cleaned_data["alt_text"],
        ),
        success=_("Image added."),
        then=lambda _image: redirect("marketplace:listing_images", pk=listing.pk),
    ):
        return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "marketplace/listing_images.html",
        {"listing": listing, "form": form, "images": listing.images.all()},
        status=status,
    )


@login_required
@require_POST
def listing_image_delete(request, pk: int, image_pk: int):
    listing = _own_listing(request, pk)
    image = get_object_or_404(ListingImage, pk=image_pk, listing=listing)
    image_services.do_remove_listing_image(image, actor=request.user, organisation=request.actor.organisation)
    messages.success(request, _("Image removed."))
    return redirect("marketplace:listing_images", pk=listing.pk)


@accepts_upload(partial(conf.get, "MARKETPLACE_ATTACHMENT_MAX_BYTES"))
@login_required
def listing_claim(request, pk: int):
    listing = _own_listing(request, pk)
    form = VerificationClaimForm(request.POST or None, request.FILES or None, vendor=listing.vendor)

    def claim():
        data = form.cleaned_data
        return verification_services.do_claim_verification(
            listing,
            actor=request.user,
            organisation=request.actor.organisation,
            kind=data["kind"],
            issuer=data["issuer"],
            performed_on=data["performed_on"],
            expires_on=data["expires_on"],
            scope=data["scope"],
            result_summary=data["result_summary"],
            evidence_url=data["evidence_url"],
            evidence_file=data["evidence_file"],
            evidence_is_public=data["evidence_is_public"],
        )

    if response := submit(
        request,
        form,
        claim,
        success=_("Claim recorded. It shows a badge once the issuer confirms it."),
        then=lambda _record: redirect("marketplace:listing_edit", pk=listing.pk),
    ):
        return response
    status = 400 if request.method == "POST" else 200
    return render(request, "marketplace/claim_form.html", {"listing": listing, "form": form}, status=status)


@login_required
def listing_case_study(request, pk: int):
    listing = _own_listing(request, pk)
    form = CaseStudyForm(request.POST or None)
    if response := submit(
        request,
        form,
        lambda: case_study_services.do_save_case_study(
            listing,
            actor=request.user,
            organisation=request.actor.organisation,
            data={name: form.cleaned_data[name] for name in case_study_services.EDITABLE_FIELDS},
            publish=form.cleaned_data["publish"],
        ),
        success=_("Case study saved."),
        then=lambda _case_study: redirect("marketplace:listing_edit", pk=listing.pk),
    ):
        return response
    return render(request, "marketplace/case_study_form.html", {"listing": listing, "form": form})


@login_required
def need_propose(request, pk: int):
    """A vendor proposes one of its published listings to a need it may see."""
    organisation = request.actor.organisation
    need = selectors.needs_visible_to(request.actor).filter(pk=pk).first()
    if need is None:
        raise not_found()
    if not permissions.can_create_listing(request.actor):
        return cannot(request, _("Only vendors propose solutions."))
    listings = SolutionListing.objects.filter(vendor=organisation, status=ListingStatus.PUBLISHED)
    form = ProposalForm(request.POST or None, listings=listings)
    if response := submit(
        request,
        form,
        lambda: introduction_services.do_propose(
            listing=form.cleaned_data["listing"],
            need=need,
            actor=request.user,
            organisation=organisation,
            reason=form.cleaned_data["reason"],
        ),
        success=_("Proposal sent. You will see the answer in your introductions inbox."),
        then=lambda _introduction: redirect("marketplace:introductions"),
    ):
        return response
    context = {"need": need, "form": form, "owner_name": selectors.need_display_name(need, organisation)}
    return render(request, "marketplace/propose_form.html", context, status=400 if form.errors else 200)
