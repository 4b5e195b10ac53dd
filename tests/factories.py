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
import time
from datetime import timedelta
from typing import Any

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY as AUTHENTICATION_METHODS_USER_SESSION_KEY,
)
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.userkit import user_id_to_str
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from cpsplatform.accounts import mfa
from cpsplatform.accounts.mfa import has_second_factor
from cpsplatform.accounts.models import User
from cpsplatform.organisations.models import (
    APPROVAL_REQUIRED_KINDS,
    Invitation,
    Membership,
    Organisation,
    Role,
)
from cpsplatform.organisations.validators import corporate_number_from_base
from scripts.totp import totp_code  # noqa: F401 - the tests' authenticator app, exported with the factories

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


def make_staff(email: str | None = None, totp: bool = True, **kw: Any) -> User:
    """Platform staff: may use the Wagtail admin (``/cms/``) (a superuser unless ``is_superuser=False``).

    Staff need a second factor for the admin, so they have a TOTP app set up unless ``totp=False``.
    """
    kw.setdefault("is_staff", True)
    kw.setdefault("is_superuser", True)
    user = make_user(email, **kw)
    if totp:
        give_totp(user)
    return user


def give_totp(user: User, secret: str | None = None) -> str:
    """Set up a TOTP authenticator (and recovery codes) for ``user`` as allauth's set-up would; returns the
    secret, from which ``totp_code`` computes the current code."""
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


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


def login(client: Any, user: User, authenticated_at: float | None = None) -> Any:
    """Log ``user`` in on a Django test ``client`` (no password round trip, no rate limit); returns the client.

    The session looks like one that went through allauth's sign-in at ``authenticated_at`` (now): a password
    step and, when the user has a second factor, a passed second-factor step, so guarded actions
    (``cpsplatform.accounts.mfa``) see what they would see after a real sign-in. Pass an older time to test
    the recent-authentication guard.
    """
    client.force_login(user)
    at = time.time() if authenticated_at is None else authenticated_at
    session = client.session
    records = [{"method": "password", "at": at, "email": user.email}]
    if has_second_factor(user):
        records.append({"method": "mfa", "at": at, "type": "totp"})
        session[mfa.VERIFIED_SESSION_KEY] = at
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
    return client


def client_for(user: User) -> Client:
    """A fresh Django test client logged in as ``user``."""
    return login(Client(), user)
