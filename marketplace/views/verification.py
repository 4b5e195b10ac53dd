"""The verification-body queue: confirm, reject or revoke records issued in the body's name."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cpsplatform.accounts.mfa import recent_authentication_response, second_factor_response
from cpsplatform.audit.services import entries_for
from cpsplatform.refusals import submit

from .. import permissions, selectors
from ..forms import VerificationDecisionForm
from ..models import VerificationRecord
from ..services import verification as verification_services
from .common import not_found


@login_required
def queue(request):
    records = selectors.verification_queue_for(request.actor)
    return render(request, "marketplace/verification_queue.html", {"records": records})


@login_required
def decide(request, pk: int):
    organisation = request.actor.organisation
    record = get_object_or_404(VerificationRecord.objects.select_related("listing__vendor", "issuer"), pk=pk)
    if not permissions.can_decide_verification(request.actor, record):
        raise not_found()
    # A decision needs a second factor, a revocation also a recent sign-in; checked after the permission check
    # so outsiders still get their 404.
    if request.method == "POST" and (
        response := second_factor_response(request)
        or (request.POST.get("action") == "revoke" and recent_authentication_response(request))
    ):
        return response
    form = VerificationDecisionForm(request.POST or None)

    def record_decision():
        action = form.cleaned_data["action"]
        reason = form.cleaned_data["reason"]
        if action == "confirm":
            return verification_services.do_confirm_verification(
                record,
                actor=request.user,
                organisation=organisation,
                expires_on=form.cleaned_data["expires_on"],
            )
        if action == "reject":
            return verification_services.do_reject_verification(
                record, actor=request.user, organisation=organisation, reason=reason
            )
        return verification_services.do_revoke_verification(
            record, actor=request.user, organisation=organisation, reason=reason
        )

    if response := submit(
        request,
        form,
        record_decision,
        success=_("Decision recorded."),
        then=lambda _record: redirect("marketplace:verification_queue"),
    ):
        return response
    context = {"record": record, "form": form, "history": entries_for(record)}
    return render(
        request, "marketplace/verification_decide.html", context, status=400 if form.errors else 200
    )
