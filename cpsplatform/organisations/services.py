"""Organisations and memberships: every change goes through here.

``check_*`` functions authorise and validate (raising ``PermissionDenied`` when the actor lacks the right, and
``OrganisationRuleError`` when the request breaks a rule such as "an organisation keeps an owner"); ``do_*``
functions change state inside one transaction and write an audit entry (``organisations.*``) in it. Membership
changes lock the organisation row first, so two concurrent requests cannot both remove "the other" owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cpsplatform.accounts.models import User
from cpsplatform.audit.services import log_action
from cpsplatform.links import absolute_url
from cpsplatform.refusals import Refusal

from . import selectors
from .actor import SESSION_KEY
from .models import MANAGER_ROLES, Invitation, Membership, Organisation, Role
from .signals import organisation_deleting, organisation_profile_changed, organisation_trust_changed

#: How long an invitation link stays valid.
INVITATION_LIFETIME = timedelta(days=7)

#: Path segments under /organisations/ that are views, so no organisation may take them as its slug.
RESERVED_SLUGS = frozenset({"new", "switch", "invitations", "members", "edit", "leave"})

#: Fields of the organisation profile that members may edit (``confirmed_by_staff`` is staff-only).
PROFILE_FIELDS = (
    "name_ja",
    "name_en",
    "kind",
    "industry",
    "size",
    "is_sme",
    "region",
    "website",
    "corporate_number",
    "description",
    "contact_email",
)


class OrganisationRuleError(Refusal):
    """A request that breaks a rule of organisations (shown to the user as it is; nothing was changed)."""

    code = "organisation_rule"


# --- checks ---------------------------------------------------------------------------------------------------


def check_can_manage(membership: Membership | None) -> None:
    """Owners and admins manage the profile, invitations and members."""
    if membership is None or membership.role not in MANAGER_ROLES:
        raise PermissionDenied(_("Only the organisation's owners and admins may do this."))


def check_can_invite(membership: Membership | None, role: str) -> None:
    check_can_manage(membership)
    if role == Role.OWNER and membership.role != Role.OWNER:
        raise PermissionDenied(_("Only an owner may invite another owner."))


def check_can_change_role(actor: Membership | None, target: Membership, new_role: str) -> None:
    """Managers change roles; only owners touch the owner role; the last owner is never demoted."""
    check_can_manage(actor)
    if new_role not in Role.values:
        raise OrganisationRuleError(_("Choose one of the roles owner, admin or member."), field="role")
    if Role.OWNER in (target.role, new_role) and actor.role != Role.OWNER:
        raise PermissionDenied(_("Only an owner may give or take away the owner role."))
    if target.role == Role.OWNER and new_role != Role.OWNER:
        _check_not_last_owner(target, _("%(name)s is the last owner; make someone else owner first."))


def check_can_remove(actor: Membership | None, target: Membership) -> None:
    check_can_manage(actor)
    if target.pk == actor.pk:
        raise OrganisationRuleError(_("To leave the organisation yourself, use “Leave organisation”."))
    if target.role == Role.OWNER and actor.role != Role.OWNER:
        raise PermissionDenied(_("Only an owner may remove an owner."))
    if target.role == Role.OWNER:
        _check_not_last_owner(target, _("%(name)s is the last owner and cannot be removed."))


def check_can_leave(membership: Membership) -> None:
    if membership.role == Role.OWNER:
        _check_not_last_owner(
            membership,
            _("You are the last owner of this organisation; make another member owner before leaving."),
        )


def _check_not_last_owner(membership: Membership, message: str) -> None:
    others = (
        Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        raise OrganisationRuleError(message % {"name": membership.user})


def check_organisation_names_free(
    name_ja: str, name_en: str, *, exclude: Organisation | None = None
) -> dict[str, str]:
    """Errors by field for names another organisation already uses, in either language (case-insensitive)."""
    errors = {}
    for field, name in (("name_ja", name_ja), ("name_en", name_en)):
        if name and selectors.organisation_name_taken(name, exclude=exclude):
            errors[field] = _("An organisation named “%(name)s” is already registered.") % {"name": name}
    return errors


def check_invitation_acceptable(invitation: Invitation, user: User) -> None:
    """An invitation is used once, before it expires, by a user whose verified e-mail is the invited one."""
    if invitation.status == Invitation.Status.ACCEPTED:
        raise OrganisationRuleError(_("This invitation has already been used."))
    if invitation.status == Invitation.Status.REVOKED:
        raise OrganisationRuleError(_("This invitation was withdrawn by the organisation."))
    if invitation.is_expired:
        raise OrganisationRuleError(
            _("This invitation has expired; ask the organisation to invite you again.")
        )
    if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
        raise PermissionDenied(
            _(
                "This invitation was sent to %(email)s. Log in with the account that has that verified e-mail "
                "address to accept it."
            )
            % {"email": invitation.email}
        )
    if Membership.objects.filter(organisation_id=invitation.organisation_id, user=user).exists():
        raise OrganisationRuleError(_("You are already a member of this organisation."))


# --- changes --------------------------------------------------------------------------------------------------


def _lock(organisation: Organisation) -> Organisation:
    """Lock the organisation row: membership changes of one organisation run one after another."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _current(actor: Membership) -> Membership:
    """The actor's membership as it is now (call with the organisation locked): roles may have changed."""
    try:
        return Membership.objects.select_related("organisation", "user").get(pk=actor.pk)
    except Membership.DoesNotExist as exc:
        raise PermissionDenied(_("You are no longer a member of this organisation.")) from exc


def _unique_slug(name_en: str, name_ja: str) -> str:
    base = (slugify(name_en) or slugify(name_ja) or "organisation")[:60].strip("-") or "organisation"
    if base in RESERVED_SLUGS:
        base = f"{base}-org"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def do_create_organisation(user: User, **fields: Any) -> Organisation:
    """Create an organisation from profile ``fields`` (see ``PROFILE_FIELDS``); ``user`` becomes its owner.

    Raises ``OrganisationRuleError`` (with ``field``) for a name or corporate number that is already taken.
    """
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    errors = check_organisation_names_free(fields.get("name_ja", ""), fields.get("name_en", ""))
    if errors:
        field, message = next(iter(errors.items()))
        raise OrganisationRuleError(message, field=field)
    try:
        with transaction.atomic():
            organisation = Organisation(**fields)
            organisation.slug = _unique_slug(organisation.name_en, organisation.name_ja)
            organisation.save()
            Membership.objects.create(
                organisation=organisation,
                user=user,
                role=Role.OWNER,
                email_domain_matches=organisation.matches_email_domain(user.email),
            )
            log_action(
                "organisations.organisation.created",
                actor=user,
                organisation=organisation,
                subject=organisation,
                data={
                    "name_ja": organisation.name_ja,
                    "name_en": organisation.name_en,
                    "kind": organisation.kind,
                },
            )
    except IntegrityError as exc:  # a concurrent request took the name or number between check and insert
        raise OrganisationRuleError(
            _("An organisation with this name or corporate number was registered a moment ago.")
        ) from exc
    return organisation


def do_update_organisation(actor: Membership, organisation: Organisation, **fields: Any) -> Organisation:
    """Change profile fields; owners and admins only. Refreshes members' e-mail domain badges.

    A change of ``kind`` clears the staff confirmation: staff confirmed the organisation *as* a university (say),
    which says nothing about it as a vendor or a verification body, so it waits for staff again.
    """
    check_can_manage(actor)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    errors = check_organisation_names_free(
        fields.get("name_ja", organisation.name_ja),
        fields.get("name_en", organisation.name_en),
        exclude=organisation,
    )
    if errors:
        field, message = next(iter(errors.items()))
        raise OrganisationRuleError(message, field=field)
    try:
        with transaction.atomic():
            organisation = _lock(organisation)
            changed = {name: value for name, value in fields.items() if getattr(organisation, name) != value}
            for name, value in changed.items():
                setattr(organisation, name, value)
            organisation.save(update_fields=[*changed, "updated_at"])
            if "website" in changed:
                _refresh_domain_matches(organisation)
            log_action(
                "organisations.organisation.updated",
                actor=actor.user,
                organisation=organisation,
                subject=organisation,
                data={"fields": sorted(changed)},
            )
            if "kind" in changed:
                _kind_changed(actor.user, organisation)
            if changed:
                organisation_profile_changed.send(
                    sender=Organisation, organisation=organisation, fields=sorted(changed)
                )
    except IntegrityError as exc:
        raise OrganisationRuleError(
            _("An organisation with this name or corporate number was registered a moment ago.")
        ) from exc
    return organisation


def _refresh_domain_matches(organisation: Organisation) -> None:
    for membership in organisation.memberships.select_related("user"):
        matches = organisation.matches_email_domain(membership.user.email)
        if membership.email_domain_matches != matches:
            membership.email_domain_matches = matches
            membership.save(update_fields=["email_domain_matches"])


def _kind_changed(actor: User, organisation: Organisation) -> None:
    """Members changed the kind (call inside their transaction, organisation row locked)."""
    if organisation.confirmed_by_staff:
        _write_confirmation(actor, organisation, False, reason="kind_changed")
    else:
        organisation_trust_changed.send(sender=Organisation, organisation=organisation)


def _write_confirmation(
    actor: User, organisation: Organisation, confirmed: bool, *, reason: str = ""
) -> None:
    """Store the confirmation with who and when, audit it and tell other apps (caller's transaction).

    ``actor`` is the staff member who decided, or the member whose change of kind cleared the confirmation.
    """
    organisation.confirmed_by_staff = confirmed
    organisation.staff_confirmed_by = actor if confirmed else None
    organisation.staff_confirmed_at = timezone.now() if confirmed else None
    organisation.save(
        update_fields=["confirmed_by_staff", "staff_confirmed_by", "staff_confirmed_at", "updated_at"]
    )
    log_action(
        f"organisations.organisation.{'confirmed' if confirmed else 'unconfirmed'}",
        actor=actor,
        organisation=organisation,
        subject=organisation,
        data={"kind": organisation.kind, **({"reason": reason} if reason else {})},
    )
    organisation_trust_changed.send(sender=Organisation, organisation=organisation)


def check_staff(user: User) -> None:
    if not (user.is_active and user.is_staff):
        raise PermissionDenied(_("Only platform staff may confirm organisations."))


def record_staff_changes(staff: User, organisation: Organisation, changed_fields: list[str]) -> None:
    """Audit an edit made by platform staff in the Wagtail admin (call inside the admin's transaction,
    after the admin saved ``organisation``; for a new organisation pass the fields staff filled in).

    ``confirmed_by_staff`` gets its own action code and records who and when, because users trust it; a change of
    confirmation or kind lets other apps recompute what depends on it (verification levels).
    """
    check_staff(staff)
    if "confirmed_by_staff" in changed_fields:
        _write_confirmation(staff, organisation, organisation.confirmed_by_staff)
    elif "kind" in changed_fields:
        organisation_trust_changed.send(sender=Organisation, organisation=organisation)
    others = sorted(set(changed_fields) - {"confirmed_by_staff"})
    if others:
        log_action(
            "organisations.organisation.staff_edited",
            actor=staff,
            organisation=organisation,
            subject=organisation,
            data={"fields": others},
        )
        organisation_profile_changed.send(sender=Organisation, organisation=organisation, fields=others)
    if "website" in changed_fields:
        _refresh_domain_matches(organisation)


def do_delete_organisation(staff: User, organisation: Organisation) -> None:
    """Staff delete an organisation in an admin, with everything that cascades from it (listings, needs, events,
    memberships). Other apps hear of it first (``organisation_deleting``), while the cascading rows still exist."""
    check_staff(staff)
    with transaction.atomic():
        log_action(
            "organisations.organisation.deleted",
            actor=staff,
            data={
                "organisation_id": organisation.pk,
                "name_ja": organisation.name_ja,
                "name_en": organisation.name_en,
            },
        )
        organisation_deleting.send(sender=Organisation, organisation=organisation)
        organisation.delete()


def do_set_confirmed_by_staff(staff: User, organisation: Organisation, confirmed: bool) -> Organisation:
    """Staff give or withdraw their confirmation (the approval issuers and event organisers need to act).

    Withdrawing it makes the organisation's verifications stop counting at once (see
    ``organisation_trust_changed``); giving it back makes them count again.
    """
    check_staff(staff)
    with transaction.atomic():
        organisation = _lock(organisation)
        if organisation.confirmed_by_staff != confirmed:
            _write_confirmation(staff, organisation, confirmed)
    return organisation


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    accept_url: str


def invitation_accept_url(invitation: Invitation) -> str:
    return absolute_url(reverse("organisations:accept_invitation", kwargs={"token": invitation.token}))


def do_invite_member(actor: Membership, email: str, role: str = Role.MEMBER) -> SentInvitation:
    """Invite ``email`` to the actor's organisation; the e-mail with the link is sent after commit.

    The link starts with ``SITE_URL`` (``cpsplatform.links``), not with the host the inviter happened to use: the
    invitee opens it from a mail, where only the configured public address is sure to work.
    """
    check_can_invite(actor, role)
    email = email.strip().lower()
    organisation = actor.organisation
    with transaction.atomic():
        _lock(organisation)
        if organisation.memberships.filter(user__email__iexact=email).exists():
            raise OrganisationRuleError(_("%(email)s is already a member.") % {"email": email}, field="email")
        pending = organisation.invitations.filter(
            email__iexact=email, status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
        )
        if pending.exists():
            raise OrganisationRuleError(
                _("%(email)s has already been invited; withdraw that invitation to send a new one.")
                % {"email": email},
                field="email",
            )
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            invited_by=actor.user,
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
        log_action(
            "organisations.member.invited",
            actor=actor.user,
            organisation=organisation,
            subject=invitation,
            data={"email": email, "role": role},
        )
        accept_url = invitation_accept_url(invitation)
        transaction.on_commit(lambda: send_invitation_email(invitation.pk, accept_url))
    return SentInvitation(invitation, accept_url)


def send_invitation_email(invitation_id: int, accept_url: str) -> None:
    """Send the invitation mail (bilingual: the invitee's language is not known yet)."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").get(pk=invitation_id)
    context = {"invitation": invitation, "organisation": invitation.organisation, "accept_url": accept_url}
    subject = render_to_string("organisations/email/invitation_subject.txt", context).strip()
    body = render_to_string("organisations/email/invitation_message.txt", context)
    send_mail(subject, body, None, [invitation.email])


def do_revoke_invitation(actor: Membership, invitation: Invitation) -> None:
    check_can_manage(actor)
    if invitation.organisation_id != actor.organisation_id:
        raise PermissionDenied(_("This invitation belongs to another organisation."))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != Invitation.Status.PENDING:
            raise OrganisationRuleError(_("Only a pending invitation can be withdrawn."))
        invitation.status = Invitation.Status.REVOKED
        invitation.save(update_fields=["status"])
        log_action(
            "organisations.invitation.revoked",
            actor=actor.user,
            organisation=actor.organisation,
            subject=invitation,
            data={"email": invitation.email},
        )


def do_accept_invitation(user: User, token: str) -> Membership:
    """Accept the invitation with ``token`` as ``user``: it becomes a membership with the invited role.

    Raises ``Invitation.DoesNotExist`` for an unknown token, ``PermissionDenied`` for the wrong user and
    ``OrganisationRuleError`` for a used, withdrawn or expired invitation.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("organisation").get(token=token)
        check_invitation_acceptable(invitation, user)
        organisation = _lock(invitation.organisation)
        membership = Membership.objects.create(
            organisation=organisation,
            user=user,
            role=invitation.role,
            email_domain_matches=organisation.matches_email_domain(invitation.email),
        )
        invitation.status = Invitation.Status.ACCEPTED
        invitation.accepted_by = user
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
        log_action(
            "organisations.member.joined",
            actor=user,
            organisation=organisation,
            subject=membership,
            data={"invitation": invitation.pk, "role": invitation.role},
        )
    return membership


def do_change_role(actor: Membership, target: Membership, new_role: str) -> Membership:
    with transaction.atomic():
        _lock(actor.organisation)
        actor = _current(actor)
        target = Membership.objects.select_related("user").get(
            pk=target.pk, organisation_id=actor.organisation_id
        )
        check_can_change_role(actor, target, new_role)
        old_role = target.role
        if old_role != new_role:
            target.role = new_role
            target.save(update_fields=["role"])
            log_action(
                "organisations.member.role_changed",
                actor=actor.user,
                organisation=actor.organisation,
                subject=target,
                data={"user": target.user.email, "from": old_role, "to": new_role},
            )
    return target


def do_remove_member(actor: Membership, target: Membership) -> None:
    with transaction.atomic():
        _lock(actor.organisation)
        actor = _current(actor)
        target = Membership.objects.select_related("user").get(
            pk=target.pk, organisation_id=actor.organisation_id
        )
        check_can_remove(actor, target)
        log_action(
            "organisations.member.removed",
            actor=actor.user,
            organisation=actor.organisation,
            subject=target.user,
            data={"user": target.user.email, "role": target.role},
        )
        target.delete()


def do_leave(membership: Membership) -> None:
    with transaction.atomic():
        _lock(membership.organisation)
        membership = Membership.objects.select_related("user", "organisation").get(pk=membership.pk)
        check_can_leave(membership)
        log_action(
            "organisations.member.left",
            actor=membership.user,
            organisation=membership.organisation,
            subject=membership.user,
            data={"role": membership.role},
        )
        membership.delete()


def do_switch_active_organisation(session: Any, user: User, organisation: Organisation) -> Membership:
    """Make ``organisation`` the one ``user`` acts as in this session.

    Only the session changes (no audit entry: nothing in the database does). Raises ``Membership.DoesNotExist``
    for an organisation the user does not belong to.
    """
    membership = Membership.objects.select_related("organisation").get(user=user, organisation=organisation)
    session[SESSION_KEY] = organisation.pk
    return membership
