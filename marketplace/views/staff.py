"""Platform staff: moderation queue (submitted listings, trial attestations)."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cpsplatform.refusals import add_to_form, submit

from ..choices import AttestationStatus, ListingStatus
from ..forms import AttestationDecisionForm, ModerationForm
from ..models import SolutionListing, TrialAttestation
from ..services import listings as listing_services
from ..services import verification as verification_services


def staff_required(view):
    return user_passes_test(lambda user: user.is_active and user.is_staff, login_url="account_login")(view)


@staff_required
def queue(request):
    listings = SolutionListing.objects.filter(status=ListingStatus.SUBMITTED).select_related("vendor")
    attestations = TrialAttestation.objects.filter(status=AttestationStatus.PENDING).select_related(
        "listing", "organisation"
    )
    return render(
        request, "marketplace/moderation_queue.html", {"listings": listings, "attestations": attestations}
    )


@staff_required
def listing(request, pk: int):
    item = get_object_or_404(SolutionListing.objects.select_related("vendor"), pk=pk)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["action"] == "publish":
                listing_services.do_publish_listing(item, actor=request.user)
                messages.success(request, _("Published."))
            else:
                listing_services.do_reject_listing(
                    item, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Sent back to the vendor."))
        except ValidationError as error:
            add_to_form(form, error)
        else:
            return redirect("marketplace:moderation_queue")
    context = {
        "listing": item,
        "form": form,
        "categories": item.categories.all(),
        "images": item.images.all(),
        "revisions": item.revisions.select_related("created_by")[:10],
        "records": item.verification_records.select_related("issuer"),
    }
    return render(request, "marketplace/moderation_listing.html", context, status=400 if form.errors else 200)


@staff_required
def attestation(request, pk: int):
    item = get_object_or_404(
        TrialAttestation.objects.select_related("listing__vendor", "organisation"), pk=pk
    )
    form = AttestationDecisionForm(request.POST or None)

    def decide():
        if form.cleaned_data["action"] == "confirm":
            return verification_services.do_confirm_attestation(item, actor=request.user)
        return verification_services.do_reject_attestation(
            item, actor=request.user, reason=form.cleaned_data["reason"]
        )

    if response := submit(
        request,
        form,
        decide,
        success=_("Decision recorded."),
        then=lambda _attestation: redirect("marketplace:moderation_queue"),
    ):
        return response
    return render(
        request,
        "marketplace/moderation_attestation.html",
        {"attestation": item, "form": form},
        status=400 if form.errors else 200,
    )
