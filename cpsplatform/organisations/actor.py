"""Who is asking: a user, the organisation they act for, and the memberships that make it so, read once.

Every permission rule of every app needs the same facts: is the user signed in, are they staff, do they belong to
the organisation they act for and with which role, do they belong to some other organisation (a listing's vendor,
an event's organiser). Asking the database in each rule made a need page run five membership queries. An
``Actor`` answers all of these from one read of the user's memberships (a user belongs to a handful of
organisations at most), made on first use: ``ActiveOrganisationMiddleware`` puts a lazy one on every request
(``request.actor``), so a request that never asks (static files, health checks) costs no query.

Permission functions take an ``Actor`` and never query memberships themselves. Code that runs outside a request
(services called by commands, tests, consumers) builds one with ``Actor.acting_for(user, organisation)``, which
verifies the claim the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

from .models import Membership, Organisation

#: The session key that remembers which of their organisations the user chose to act for.
SESSION_KEY = "active_organisation_id"


class Actor:
    """A user and the organisation they act for (``None`` when they have none or are anonymous).

    ``organisation`` is only ever one the user is a member of: it comes from their own memberships.
    """

    def __init__(
        self, user: Any, chosen_organisation_id: int | None = None, *, or_first: bool = True
    ) -> None:
        """``chosen_organisation_id`` is the organisation the user claims to act for; ``or_first`` lets them act
        for their first organisation when the claim is missing or not theirs."""
        self.user = user
        self._chosen = chosen_organisation_id
        self._or_first = or_first

    @classmethod
    def for_request(cls, request: Any) -> Actor:
        """The request's user, acting for the organisation chosen in the session, else their first one."""
        session = getattr(request, "session", None)
        return cls(getattr(request, "user", None), session.get(SESSION_KEY) if session is not None else None)

    @classmethod
    def acting_for(cls, user: Any, organisation: Organisation | None) -> Actor:
        """``user`` acting for ``organisation``, if they are a member of it; otherwise acting for none."""
        return cls(user, organisation.pk if organisation is not None else None, or_first=False)

    # --- the memberships, read once ---------------------------------------------------------------------------

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated)

    @cached_property
    def memberships(self) -> tuple[Membership, ...]:
        """All the user's memberships with their organisations, oldest first (one query, on first use)."""
        if not self.is_authenticated:
            return ()
        return tuple(
            Membership.objects.filter(user=self.user)
            .select_related("organisation")
            .order_by("joined_at", "pk")
        )

    @cached_property
    def membership(self) -> Membership | None:
        """The membership the user acts through: the chosen organisation's, else the first one."""
        chosen = next((m for m in self.memberships if m.organisation_id == self._chosen), None)
        if chosen is None and self._or_first:
            return next(iter(self.memberships), None)
        return chosen

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.organisation if self.membership is not None else None

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership is not None else None

    # --- the questions permission rules ask -------------------------------------------------------------------

    @property
    def is_staff(self) -> bool:
        """Platform staff (an active account with the staff flag)."""
        return bool(self.is_authenticated and self.user.is_active and self.user.is_staff)

    def acts_for(self, organisation: Organisation | None) -> bool:
        """The user acts for ``organisation`` (and so is a member of it)."""
        return (
            organisation is not None
            and self.organisation is not None
            and self.organisation.pk == organisation.pk
        )

    def has_role(self, roles: Iterable[str]) -> bool:
        """The user's role in the organisation they act for is one of ``roles``."""
        return self.role is not None and self.role in frozenset(roles)

    def is_member_of(self, organisation: Organisation | None) -> bool:
        """The user belongs to ``organisation``, whichever organisation they act for."""
        return organisation is not None and self.is_member_of_id(organisation.pk)

    def is_member_of_id(self, organisation_id: int | None) -> bool:
        """``is_member_of`` for an organisation known by its key (``listing.vendor_id``): no fetch needed."""
        return organisation_id is not None and any(
            m.organisation_id == organisation_id for m in self.memberships
        )

    @property
    def member_kinds(self) -> frozenset[str]:
        """The kinds of all the user's organisations (the workspace menu shows what each kind may do)."""
        return frozenset(m.organisation.kind for m in self.memberships)

    def __repr__(self) -> str:
        return f"<Actor {self.user!r} for {self.organisation!r}>"
