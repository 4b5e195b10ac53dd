"""Read-only queries about organisations and memberships (views and other apps use these, never ad-hoc filters)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from cpsplatform.accounts.models import User

from .models import Invitation, Membership, Organisation, Role


def organisation_name_taken(name: str, *, exclude: Organisation | None = None) -> bool:
    """Whether another organisation uses ``name`` as its Japanese or English name (case-insensitive)."""
    name = name.strip()
    if not name:
        return False
    queryset = Organisation.objects.filter(Q(name_ja__iexact=name) | Q(name_en__iexact=name))
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.exists()


def share_a_member(first_id: int, second_id: int) -> bool:
    """Whether one person belongs to both organisations (given by id; then neither may vouch for the other)."""
    return Membership.objects.filter(
        organisation_id=first_id,
        user__in=Membership.objects.filter(organisation_id=second_id).values("user"),
    ).exists()


def organisations_sharing_a_member_with(organisation: Organisation) -> QuerySet[Organisation]:
    """Every organisation one of whose members also belongs to ``organisation`` (including itself, if it has
    members)."""
    return Organisation.objects.filter(
        memberships__user__in=Membership.objects.filter(organisation=organisation).values("user")
    ).distinct()


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's memberships with their organisations, oldest first."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .annotate(member_count=Count("organisation__memberships"))
        .order_by("joined_at", "pk")
    )


def organisations_of(user: User) -> QuerySet[Organisation]:
    """Organisations ``user`` belongs to (empty for anonymous users)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """Members, owners first, then admins, then members, each by join date."""
    rank = Case(When(role=Role.OWNER, then=Value(0)), When(role=Role.ADMIN, then=Value(1)), default=Value(2))
    return (
        organisation.memberships.select_related("user")
        .annotate(role_rank=rank)
        .order_by("role_rank", "joined_at", "pk")
    )


def pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(
        status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def invitations_for(user: User) -> QuerySet[Invitation]:
    """Pending invitations addressed to any of the user's verified e-mail addresses."""
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return (
        Invitation.objects.filter(
            status=Invitation.Status.PENDING,
            expires_at__gt=timezone.now(),
            email__in=[e.lower() for e in emails],
        )
        .exclude(organisation__memberships__user=user)
        .select_related("organisation")
    )
