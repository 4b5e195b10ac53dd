"""Who may request the organisation pages (walked by ``tests/test_access_matrix.py``)."""

import itertools
from datetime import timedelta

from django.utils import timezone

from cpsplatform.organisations.models import Invitation, Membership, Organisation, Role
from tests.access.rules import LoginRequired, OrgScoped, Public, UserScoped

_numbers = itertools.count(1)
MANAGERS = ("owner", "admin")


def _organisation() -> Organisation:
    n = next(_numbers)
    return Organisation.objects.create(
        name_ja=f"アクセス確認組織{n}",
        name_en=f"Access Check Org {n}",
        slug=f"access-check-{n}",
        kind="vendor",
    )


def _slug(org: Organisation) -> dict:
    return {"slug": org.slug}


def _other_member(org: Organisation) -> dict:
    """A plain member of ``org`` whose role or membership the request would change."""
    from cpsplatform.accounts.models import User

    user = User.objects.create_user(email=f"access-target-{next(_numbers)}@example.com", password=None)
    membership = Membership.objects.create(organisation=org, user=user, role=Role.MEMBER)
    return {"slug": org.slug, "membership_id": membership.pk}


def _invitation(org: Organisation, email: str = "") -> Invitation:
    return Invitation.objects.create(
        organisation=org,
        email=email or f"access-invitee-{next(_numbers)}@example.com",
        expires_at=timezone.now() + timedelta(days=7),
    )


ACCESS_RULES = {
    "organisations:dashboard": LoginRequired(),
    "organisations:create": LoginRequired(methods=("GET", "POST")),
    "organisations:switch": LoginRequired(methods=("POST",)),
    # Only the invited person (the logged-in user whose verified e-mail is the invited one) may accept.
    "organisations:accept_invitation": UserScoped(
        setup=lambda user: {"token": _invitation(_organisation(), email=user.email).token}
    ),
    "organisations:profile": Public(setup=lambda: _slug(_organisation())),
    "organisations:edit": OrgScoped(setup=_slug, roles=MANAGERS),
    "organisations:members": OrgScoped(setup=_slug, methods=("GET",)),
    "organisations:invite": OrgScoped(setup=_slug, roles=MANAGERS, methods=("POST",)),
    "organisations:change_role": OrgScoped(setup=_other_member, roles=MANAGERS, methods=("POST",)),
    "organisations:remove_member": OrgScoped(setup=_other_member, roles=MANAGERS, methods=("POST",)),
    "organisations:revoke_invitation": OrgScoped(
        setup=lambda org: {"slug": org.slug, "invitation_id": _invitation(org).pk},
        roles=MANAGERS,
        methods=("POST",),
    ),
    "organisations:leave": OrgScoped(setup=_slug, methods=("POST",)),
}
