"""The user dashboard: my needs (create, edit, close or reopen, attachments) and inquiries and attestations."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpsplatform.edge.body import accepts_upload
from cpsplatform.edge.ids import parse_id
from cpsplatform.organisations.models import Organisation
from cpsplatform.refusals import flash, submit

from .. import conf, permissions, selectors
from ..forms import AttachmentForm, AttestationForm, InquiryForm, NeedForm, NeedStatusForm
from ..models import Need, NeedAttachment, SolutionListing
from ..services import introductions as introduction_services
from ..services import needs as need_services
from ..services import verification as verification_services
from .common import cannot, not_found


def _own_need(request, pk: int) -> Need:
    need = get_object_or_404(Need.objects.select_related("owner"), pk=pk)
    if not permissions.can_edit_need(request.actor, need):
        raise not_found()
    return need


@login_required
def dashboard(request):
    organisation = request.actor.organisation
    if not permissions.can_post_need(request.actor):
        return render(request, "marketplace/needs_dashboard.html", {"no_org": True})
    needs = selectors.needs_of(organisation).prefetch_related("introductions")
    return render(request, "marketplace/needs_dashboard.html", {"needs": needs})


@login_required
def need_create(request):
    organisation = request.actor.organisation
    if not permissions.can_post_need(request.actor):
        return cannot(request, _("Join or create an organisation first."))
    initial = {
        "industry": organisation.industry,
        "company_size": organisation.size,
        "region": organisation.region,
    }
    form = NeedForm(request.POST or None, owner=organisation, initial=initial)
    if response := submit(
        request,
        form,
        lambda: need_services.do_create_need(
            owner=organisation,
            actor=request.user,
            data=form.service_data(),
            categories=form.cleaned_data["categories"],
            invited=form.cleaned_data["invited_organisations"],
        ),
        success=_("Your need is posted."),
        then=lambda need: redirect("marketplace:need_detail", pk=need.pk),
    ):
        return response
    return render(request, "marketplace/need_form.html", {"form": form, "need": None})


@login_required
def need_edit(request, pk: int):
    need = _own_need(request, pk)
    form = NeedForm(request.POST or None, instance=need, owner=need.owner)
    if response := submit(
        request,
        form,
        lambda: need_services.do_update_need(
            need,
            actor=request.user,
            organisation=request.actor.organisation,
            data=form.service_data(),
            categories=form.cleaned_data["categories"],
            invited=form.cleaned_data["invited_organisations"],
        ),
        success=_("Need saved."),
        then=lambda _saved: redirect("marketplace:need_detail", pk=need.pk),
    ):
        return response
    return render(
        request, "marketplace/need_form.html", {"form": form, "need": need, "status_form": NeedStatusForm()}
    )


@login_required
@require_POST
def need_status(request, pk: int):
    need = _own_need(request, pk)
    form = NeedStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect("marketplace:need_edit", pk=need.pk)
    try:
        need_services.do_change_need_status(
            need,
            actor=request.user,
            organisation=request.actor.organisation,
            status=form.cleaned_data["status"],
        )
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, _("Status changed."))
    return redirect("marketplace:need_detail", pk=need.pk)


@login_required
@require_POST
def need_invite(request, pk: int):
    """The owner lets one organisation (e.g. a recommended vendor that cannot see the need) see its restricted
    need. Back to ``next`` (the page the button was on, if it is on this site), else the need."""
    need = _own_need(request, pk)
    invitee_id = parse_id(request.POST.get("organisation", ""))
    invitee = Organisation.objects.filter(pk=invitee_id).first() if invitee_id else None
    if invitee is None:
        messages.error(request, _("That organisation does not exist."))
    else:
        try:
            need_services.do_invite_to_need(
                need, actor=request.user, organisation=request.actor.organisation, invitee=invitee
            )
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, _("%(name)s can now see this need.") % {"name": invitee.display_name})
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("marketplace:need_detail", pk=need.pk)


@accepts_upload(partial(conf.get, "MARKETPLACE_ATTACHMENT_MAX_BYTES"))
@login_required
def need_attachments(request, pk: int):
    need = _own_need(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if response := submit(
        request,
        form,
        lambda: need_services.do_add_need_attachment(
            need,
            actor=request.user,
            organisation=request.actor.organisation,
            upload=form.cleaned_data["file"],
        ),
        success=_("File attached."),
        then=lambda _attachment: redirect("marketplace:need_attachments", pk=need.pk),
    ):
        return response
    status = 400 if request.method == "POST" else 200
    context = {"need": need, "form": form, "attachments": need.attachments.all()}
    return render(request, "marketplace/need_attachments.html", context, status=status)


@login_required
@require_POST
def need_attachment_delete(request, pk: int, attachment_pk: int):
    need = _own_need(request, pk)
    attachment = get_object_or_404(NeedAttachment, pk=attachment_pk, need=need)
    need_services.do_remove_need_attachment(
        attachment, actor=request.user, organisation=request.actor.organisation
    )
    messages.success(request, _("File removed."))
    return redirect("marketplace:need_attachments", pk=need.pk)


def _published_listing(request, pk: int) -> SolutionListing:
    listing = get_object_or_404(SolutionListing.objects.select_related("vendor"), pk=pk)
    if not listing.is_published:
        raise not_found()
    return listing


@login_required
def listing_inquire(request, pk: int):
    """A user organisation asks the vendor about a listing."""
    listing = _published_listing(request, pk)
    organisation = request.actor.organisation
    if organisation is None:
        return cannot(request, _("Join or create an organisation first."))
    form = InquiryForm(request.POST or None, needs=selectors.needs_of(organisation))
    if response := submit(
        request,
        form,
        lambda: introduction_services.do_inquire(
            listing=listing,
            actor=request.user,
            organisation=organisation,
            reason=form.cleaned_data["reason"],
            need=form.cleaned_data["need"],
        ),
        success=_("Your question was sent to the vendor."),
        then=lambda _introduction: redirect("marketplace:introductions"),
    ):
        return response
    status = 400 if form.errors else 200
    return render(request, "marketplace/inquiry_form.html", {"listing": listing, "form": form}, status=status)


@login_required
def listing_attest(request, pk: int):
    """A user organisation that trialled the listing attests to it (staff then confirm)."""
    listing = _published_listing(request, pk)
    organisation = request.actor.organisation
    if not permissions.can_attest_trial(request.actor, listing):
        return cannot(request, _("Only a user organisation that trialled this solution can attest to it."))
    form = AttestationForm(request.POST or None)
    if response := submit(
        request,
        form,
        lambda: verification_services.do_attest_trial(
            listing, actor=request.user, organisation=organisation, **form.cleaned_data
        ),
        success=_("Thank you. Platform staff will review your attestation."),
        then=lambda _attestation: redirect("marketplace:listing_detail", pk=listing.pk),
    ):
        return response
    status = 400 if form.errors else 200
    return render(request, "marketplace/attest_form.html", {"listing": listing, "form": form}, status=status)
