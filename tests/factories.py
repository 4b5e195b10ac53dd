"""Test data builders shared by every test area: users, organisations, memberships, logging in.

Plain functions, so a test reads as the situation it sets up::

    owner = make_user()
    org = make_organisation(kind="vendor", owner=owner)
    member = make_member(org, role="member").user
    login(client, member)
    client = client_for(member)

Names, slugs, e-mail addresses and corporate numbers come from one counter per test process, so they are unique
and deterministic; pass keyword arguments to choose them. Factories write rows directly (no audit entries):
tests of the service layer call the ``do_*`` functions instead.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from cpsplatform.accounts.models import User
from cpsplatform.organisations.models import (
    APPROVAL_REQUIRED_KINDS,
    Invitation,
    Membership,
    Organisation,
    Role,
)
from cpsplatform.organisations.validators import corporate_number_from_base

#: The password every factory-made user has unless told otherwise.
DEFAULT_PASSWORD = "Factory-password-2026"

_sequence = itertools.count(1)


def next_number() -> int:
    """The next number of the shared sequence (unique within the test process)."""
    return next(_sequence)


def make_user(
    email: str | None = None,
    password: str = DEFAULT_PASSWORD,
    verified: bool = True,
    **kw: Any,
) -> User:
    """A user who can log in by e-mail; ``verified`` decides whether allauth considers the address confirmed.

    Extra keyword arguments are model fields (``display_name``, ``is_staff``, ``is_superuser``...).
    """
    n = next_number()
    email = (email or f"user{n}@example.com").lower()
    kw.setdefault("display_name", f"Test User {n}")
    user = User.objects.create_user(email=email, password=password, **kw)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_staff(email: str | None = None, **kw: Any) -> User:
    """Platform staff: may use the Wagtail admin (a superuser unless ``is_superuser=False``)."""
    kw.setdefault("is_staff", True)
    kw.setdefault("is_superuser", True)
    return make_user(email, **kw)


def make_organisation(kind: str = "user_company", owner: User | None = None, **kw: Any) -> Organisation:
    """An organisation with unique Japanese and English names, a slug and a valid corporate number.

    ``owner`` (optional) becomes its owner member. Extra keyword arguments are model fields, e.g.
    ``website="https://example.co.jp"``, ``is_sme=True``, ``region="kanto"``, ``confirmed_by_staff=True``.

    Verification bodies, public agencies and event organisers are made approved by staff (as tests mostly need
    them acting); pass ``confirmed_by_staff=False`` for one that awaits approval. Other kinds are unconfirmed
    unless told otherwise.
    """
    n = next_number()
    kw.setdefault("confirmed_by_staff", kind in APPROVAL_REQUIRED_KINDS)
    kw.setdefault("name_ja", f"テスト組織{n}")
    kw.setdefault("name_en", f"Test Organisation {n}")
    kw.setdefault("slug", f"test-org-{n}")
    kw.setdefault("corporate_number", corporate_number_from_base(f"{n:012d}"))
    organisation = Organisation.objects.create(kind=kind, **kw)
    if owner is not None:
        make_member(organisation, role=Role.OWNER, user=owner)
    return organisation


def make_member(organisation: Organisation, role: str = "member", user: User | None = None) -> Membership:
    """Make ``user`` (a new user if None) a member of ``organisation`` with ``role``."""
    user = user or make_user()
    return Membership.objects.create(
        organisation=organisation,
        user=user,
        role=role,
        email_domain_matches=organisation.matches_email_domain(user.email),
    )


def make_invitation(
    organisation: Organisation,
    email: str | None = None,
    role: str = "member",
    invited_by: User | None = None,
    expires_in: timedelta = timedelta(days=7),
) -> Invitation:
    """A pending invitation (negative ``expires_in`` for an expired one)."""
    return Invitation.objects.create(
        organisation=organisation,
        email=(email or f"invitee{next_number()}@example.com").lower(),
        role=role,
        invited_by=invited_by,
        expires_at=timezone.now() + expires_in,
    )


def login(client: Any, user: User) -> Any:
    """Log ``user`` in on a Django test ``client`` (no password round trip, no rate limit); returns the client."""
    client.force_login(user)
    return client


def client_for(user: User) -> Client:
    """A fresh Django test client logged in as ``user``."""
    return login(Client(), user)
