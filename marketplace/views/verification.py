"""The verification-body queue: confirm, reject or revoke records issued in the body's name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cpsplatform.audit.services import entries_for

from .. import permissions, selectors
from ..forms import VerificationDecisionForm
from ..models import VerificationRecord
from ..services import verification as verification_services
from .common import acting_organisation, apply_errors, not_found


@login_required
def queue(request):
    records = selectors.verification_queue_for(request.user, acting_organisation(request))
    return render(request, "marketplace/verification_queue.html", {"records": records})


@login_required
def decide(request, pk: int):
    organisation = acting_organisation(request)
    record = get_object_or_404(VerificationRecord.objects.select_related("listing__vendor", "issuer"), pk=pk)
    if not permissions.can_decide_verification(request.user, organisation, record):
        raise not_found()
    form = VerificationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        reason = form.cleaned_data["reason"]
        try:
            if action == "confirm":
                verification_services.do_confirm_verification(
                    record,
                    actor=request.user,
                    organisation=organisation,
                    expires_on=form.cleaned_data["expires_on"],
                )
            elif action == "reject":
                verification_services.do_reject_verification(
                    record, actor=request.user, organisation=organisation, reason=reason
                )
            else:
                verification_services.do_revoke_verification(
                    record, actor=request.user, organisation=organisation, reason=reason
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("marketplace:verification_queue")
    context = {"record": record, "form": form, "history": entries_for(record)}
    return render(
        request, "marketplace/verification_decide.html", context, status=400 if form.errors else 200
    )
