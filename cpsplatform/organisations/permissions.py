"""Organisation scoping in one place: "may this user, as a member of that organisation, see or do this?"

Every view of every app that shows or changes something owned by an organisation asks here:

- ``get_membership(user, organisation)`` → the membership or None;
- ``require_membership(request, organisation, roles=...)`` → the membership, or ``Http404`` for non-members (they
  must not learn the thing exists) and ``PermissionDenied`` (403) for members whose role is not in ``roles``;
- ``require_active_membership(request, roles=...)`` → the membership the user currently acts as (for "create a
  listing for my organisation"), ``PermissionDenied`` when they have none or lack the role;
- ``@organisation_member_required(roles=..., slug_kwarg="slug")`` → a view decorator for URLs that carry the
  organisation's slug: logs in, resolves the organisation, checks membership and passes it to the view as the
  argument after ``request``;
- ``OrganisationMemberRequiredMixin`` → the same for class-based views (``self.membership``);
- ``visible_to_members(queryset, user, field="organisation")`` → restrict a queryset to rows owned by the user's
  organisations.

Anonymous users are sent to the login page by the decorator and the mixin; ``require_membership`` itself answers
404 for them, like for any non-member.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import MANAGER_ROLES, Membership, Organisation, Role

ALL_ROLES: frozenset[str] = frozenset(Role.values)
#: Re-exported for callers: owners and admins.
MANAGERS: frozenset[str] = frozenset(MANAGER_ROLES)


def get_membership(user: Any, organisation: Organisation) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("organisation", "user")
        .filter(user=user, organisation=organisation)
        .first()
    )


def require_membership(
    request: HttpRequest, organisation: Organisation, roles: Iterable[str] = ALL_ROLES
) -> Membership:
    membership = get_membership(request.user, organisation)
    if membership is None:
        raise Http404(_("No such organisation page."))
    _require_role(membership, roles)
    return membership


def require_active_membership(request: HttpRequest, roles: Iterable[str] = ALL_ROLES) -> Membership:
    membership = getattr(request, "active_membership", None)
    if not membership:
        raise PermissionDenied(_("Create or join an organisation first."))
    # Re-read it: the lazy object on the request may be cached from before a role change.
    membership = get_membership(request.user, membership.organisation)
    if membership is None:
        raise PermissionDenied(_("Create or join an organisation first."))
    _require_role(membership, roles)
    return membership


def _require_role(membership: Membership, roles: Iterable[str]) -> None:
    roles = frozenset(roles)
    if membership.role not in roles:
        if roles == {Role.OWNER}:
            raise PermissionDenied(_("Only the organisation's owners may do this."))
        if roles <= MANAGERS:
            raise PermissionDenied(_("Only the organisation's owners and admins may do this."))
        raise PermissionDenied(_("Your role in this organisation does not allow this."))


def organisation_member_required(
    roles: Iterable[str] = ALL_ROLES, slug_kwarg: str = "slug"
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate ``view(request, membership, **kwargs)`` for a URL with the organisation's slug in ``slug_kwarg``.

    Apply it outermost (above ``require_POST``), so refused requests get 302/404/403 whatever their method.
    """
    roles = frozenset(roles)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            organisation = get_object_or_404(Organisation, slug=kwargs.pop(slug_kwarg))
            membership = require_membership(request, organisation, roles)
            return view(request, membership, *args, **kwargs)

        return wrapped

    return decorator


class OrganisationMemberRequiredMixin(LoginRequiredMixin):
    """For class-based views: set ``organisation_roles``; the membership is ``self.membership``."""

    organisation_roles: Iterable[str] = ALL_ROLES
    organisation_slug_kwarg = "slug"
    membership: Membership

    def get_organisation(self) -> Organisation:
        return get_object_or_404(Organisation, slug=self.kwargs[self.organisation_slug_kwarg])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.membership = require_membership(request, self.get_organisation(), self.organisation_roles)
        return super().dispatch(request, *args, **kwargs)


def visible_to_members(queryset: QuerySet, user: Any, field: str = "organisation") -> QuerySet:
    """Rows of ``queryset`` whose ``field`` is one of ``user``'s organisations (none for anonymous users)."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(**{f"{field}__memberships__user": user}).distinct()
