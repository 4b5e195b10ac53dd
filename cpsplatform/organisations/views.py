"""Organisation pages. Views parse input and ask ``permissions`` who is asking; ``services`` make the changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpsplatform.accounts.mfa import require_recent_authentication
from cpsplatform.refusals import add_to_form, flash

from . import selectors, services
from .forms import InvitationForm, OrganisationForm, RoleForm
from .models import Invitation, Membership, Organisation, Role
from .permissions import MANAGERS, get_membership, organisation_member_required


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/dashboard.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "invitations": selectors.invitations_for(request.user),
        },
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.do_create_organisation(request.user, **form.profile_fields())
        except services.OrganisationRuleError as error:
            add_to_form(form, error)
        else:
            services.do_switch_active_organisation(request.session, request.user, organisation)
            messages.success(
                request, _("%(name)s was created. You are its owner.") % {"name": organisation.display_name}
            )
            return redirect("organisations:members", slug=organisation.slug)
    status = 400 if form.errors else 200
    return render(
        request, "organisations/organisation_form.html", {"form": form, "creating": True}, status=status
    )


def profile(request: HttpRequest, slug: str) -> HttpResponse:
    """The public profile page of an organisation."""
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(
        request,
        "organisations/profile.html",
        {
            "organisation": organisation,
            "membership": get_membership(request.user, organisation),
            "member_count": organisation.memberships.count(),
        },
    )


@organisation_member_required(roles=MANAGERS)
def edit(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_organisation(membership, organisation, **form.profile_fields())
        except services.OrganisationRuleError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect("organisations:profile", slug=organisation.slug)
    # The form's instance holds the posted values; show the stored organisation around it.
    organisation.refresh_from_db()
    status = 400 if form.errors else 200
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation, "creating": False},
        status=status,
    )


@organisation_member_required()
def members(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _render_members(request, membership)


def _render_members(request: HttpRequest, membership: Membership, invite_form=None, status: int = 200):
    organisation = membership.organisation
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "membership": membership,
            "members": selectors.members_of(organisation),
            "invitations": selectors.pending_invitations(organisation) if membership.can_manage else [],
            "invite_form": invite_form or InvitationForm(inviter_role=membership.role),
            "role_choices": [c for c in Role.choices if membership.role == Role.OWNER or c[0] != Role.OWNER],
        },
        status=status,
    )


@organisation_member_required(roles=MANAGERS)
@require_POST
def invite(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = InvitationForm(request.POST, inviter_role=membership.role)
    if form.is_valid():
        try:
            sent = services.do_invite_member(
                membership,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
            )
        except services.OrganisationRuleError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": sent.invitation.email}
            )
            return redirect("organisations:members", slug=membership.organisation.slug)
    return _render_members(request, membership, invite_form=form, status=400)


def _target(membership: Membership, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organisation=membership.organisation
    )


@organisation_member_required(roles=MANAGERS)
@require_POST
@require_recent_authentication(when=lambda request: request.POST.get("role") == Role.OWNER)
def change_role(request: HttpRequest, membership: Membership, membership_id: int) -> HttpResponse:
    target = _target(membership, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles owner, admin or member."))
    else:
        try:
            services.do_change_role(membership, target, form.cleaned_data["role"])
        except services.OrganisationRuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.") % {"name": target.user, "role": Role(target.role).label},
            )
    return redirect("organisations:members", slug=membership.organisation.slug)


@organisation_member_required(roles=MANAGERS)
@require_POST
def remove_member(request: HttpRequest, membership: Membership, membership_id: int) -> HttpResponse:
    target = _target(membership, membership_id)
    try:
        services.do_remove_member(membership, target)
    except services.OrganisationRuleError as error:
        flash(request, error)
    else:
        messages.success(request, _("%(name)s was removed from the organisation.") % {"name": target.user})
    return redirect("organisations:members", slug=membership.organisation.slug)


@organisation_member_required(roles=MANAGERS)
@require_POST
def revoke_invitation(request: HttpRequest, membership: Membership, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=membership.organisation)
    try:
        services.do_revoke_invitation(membership, invitation)
    except services.OrganisationRuleError as error:
        flash(request, error)
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("organisations:members", slug=membership.organisation.slug)


@organisation_member_required()
@require_POST
def leave(request: HttpRequest, membership: Membership) -> HttpResponse:
    try:
        services.do_leave(membership)
    except services.OrganisationRuleError as error:
        flash(request, error)
        return redirect("organisations:members", slug=membership.organisation.slug)
    messages.success(request, _("You left %(name)s.") % {"name": membership.organisation.display_name})
    return redirect("organisations:dashboard")


@login_required
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the invitation (or why it cannot be accepted); POST accepts it."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    if invitation is None:
        raise Http404(_("This invitation link is not valid. Check that you copied the whole link."))
    problem, status = None, 200
    try:
        services.check_invitation_acceptable(invitation, request.user)
    except services.OrganisationRuleError as error:
        problem, status = error.message, 400
    except PermissionDenied as error:
        problem, status = str(error), 403
    if request.method == "POST" and problem is None:
        try:
            membership = services.do_accept_invitation(request.user, token)
        except services.OrganisationRuleError as error:  # accepted by a concurrent request
            problem, status = error.message, 400
        else:
            services.do_switch_active_organisation(request.session, request.user, membership.organisation)
            messages.success(
                request,
                _("Welcome to %(name)s! You joined as %(role)s.")
                % {"name": membership.organisation.display_name, "role": Role(membership.role).label},
            )
            return redirect("organisations:members", slug=membership.organisation.slug)
    return render(
        request,
        "organisations/accept_invitation.html",
        {"invitation": invitation, "problem": problem},
        status=status,
    )


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=request.POST.get("organisation", ""))
    try:
        services.do_switch_active_organisation(request.session, request.user, organisation)
    except Membership.DoesNotExist as exc:
        raise Http404(_("No such organisation page.")) from exc
    messages.success(request, _("You now act as %(name)s.") % {"name": organisation.display_name})
    next_url = request.POST.get("next", "")
    # Only a path on this site: anything else (another host, or a word that ``redirect`` would try to reverse as
    # a view name) goes to the dashboard.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        next_url = reverse("organisations:dashboard")
    return HttpResponseRedirect(next_url)
