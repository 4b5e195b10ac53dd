"""The introductions inbox: both directions, accept or decline; contacts only after acceptance."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpsplatform.edge.body import accepts_upload
from cpsplatform.organisations.models import Membership
from cpsplatform.refusals import flash

from .. import conf, permissions, selectors
from ..choices import IntroductionStatus
from ..forms import AttachmentForm, IntroductionDecisionForm
from ..models import Introduction
from ..receivers import introduction_channel
from ..services import introductions as introduction_services
from .common import not_found


@login_required
def inbox(request):
    organisation = request.actor.organisation
    if organisation is None:
        return render(request, "marketplace/introductions.html", {"no_org": True})
    introductions = list(selectors.introductions_for(organisation))
    for introduction in introductions:
        introduction.incoming = introduction.to_org_id == organisation.pk
        introduction.counterpart_name = _counterpart_name(introduction, organisation)
    groups = {
        status: [i for i in introductions if i.status == status]
        for status in (IntroductionStatus.PENDING, IntroductionStatus.ACCEPTED, IntroductionStatus.DECLINED)
    }
    return render(request, "marketplace/introductions.html", {"groups": groups, "organisation": organisation})


def _counterpart_name(introduction: Introduction, organisation) -> str:
    other = introduction.other_party(organisation)
    if introduction.need_id and other.pk == introduction.need.owner_id:
        return selectors.need_display_name(introduction.need, organisation)
    return other.display_name


def _own_introduction(request, pk: int) -> Introduction:
    introduction = get_object_or_404(
        Introduction.objects.select_related("from_org", "to_org", "listing", "need__owner"), pk=pk
    )
    if not permissions.can_view_introduction(request.actor, introduction):
        raise not_found()
    return introduction


@login_required
def detail(request, pk: int):
    organisation = request.actor.organisation
    introduction = _own_introduction(request, pk)
    other = introduction.other_party(organisation)
    contacts = None
    if introduction.status == IntroductionStatus.ACCEPTED:
        members = (
            Membership.objects.filter(organisation=other).select_related("user").order_by("joined_at")[:5]
        )
        contacts = {"organisation": other, "members": [m.user for m in members]}
    channel = (
        introduction_channel(introduction) if introduction.status == IntroductionStatus.ACCEPTED else None
    )
    context = {
        "channel": channel,
        "introduction": introduction,
        "counterpart_name": _counterpart_name(introduction, organisation),
        "contacts": contacts,
        "can_decide": permissions.can_decide_introduction(request.actor, introduction)
        and introduction.status == IntroductionStatus.PENDING,
        "form": IntroductionDecisionForm(),
        "attachment_form": AttachmentForm(),
        "attachments": introduction.attachments.all(),
    }
    return render(request, "marketplace/introduction_detail.html", context)


@login_required
@require_POST
def decide(request, pk: int):
    organisation = request.actor.organisation
    introduction = _own_introduction(request, pk)
    if not permissions.can_decide_introduction(request.actor, introduction):
        raise not_found()
    form = IntroductionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or decline."))
        return redirect("marketplace:introduction_detail", pk=introduction.pk)
    try:
        if form.cleaned_data["action"] == "accept":
            introduction_services.do_accept_introduction(
                introduction, actor=request.user, organisation=organisation
            )
            messages.success(request, _("Accepted. You can now see each other's contacts."))
        else:
            introduction_services.do_decline_introduction(
                introduction,
                actor=request.user,
                organisation=organisation,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Declined."))
    except ValidationError as error:
        flash(request, error)
    return redirect("marketplace:introduction_detail", pk=introduction.pk)


@accepts_upload(partial(conf.get, "MARKETPLACE_ATTACHMENT_MAX_BYTES"))
@login_required
@require_POST
def attach(request, pk: int):
    organisation = request.actor.organisation
    introduction = _own_introduction(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("marketplace:introduction_detail", pk=introduction.pk)
    try:
        introduction_services.do_add_introduction_attachment(
            introduction, actor=request.user, organisation=organisation, upload=form.cleaned_data["file"]
        )
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, _("File attached."))
    return redirect("marketplace:introduction_detail", pk=introduction.pk)
