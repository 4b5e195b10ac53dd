"""Access-control classification of every URL pattern (the matrix that ``tests/test_access_matrix.py`` walks).

Each app lists its named URL patterns in ``tests/access/<app label>.py`` with ``ACCESS_RULES = {"ns:name": Rule(...)}``;
the test discovers those modules, walks every pattern of the project and fails when one is unclassified.

A rule's ``setup`` builds the object the URL points at and returns the URL kwargs. It is called with the
*owning* organisation (``OrgScoped``), the owning user (``UserScoped``) or nothing (others), inside the test's
database. The test then requests the URL (GET, and POST when ``methods`` has it) as:

- anonymous → must redirect to the login page (302), or 403/404 where login is not relevant (``LoginRequired``
  URLs must redirect to the login page);
- a member of another organisation / another user → 404 or 403;
- a member of the owning organisation whose role is not in ``roles`` → 403 (or 404);
- and checks the database row counts did not change for any refused request.

A member whose role *is* in ``roles`` (and the owning user, and staff) must not be refused, so a ``setup`` that
builds the wrong object shows up as a failure too.

Keys are ``"namespace:name"`` (or ``"name"`` for patterns outside a namespace). A key that starts with ``/`` is a
path prefix and classifies every pattern below it; it may only hold a ``Delegated`` rule (third-party trees such as
``/cms/``). ``Delegated`` rules are exercised through their ``sample_paths``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings

ALL_ROLES = ("owner", "admin", "member")


@dataclass(frozen=True)
class Public:
    """Anyone may request it. ``setup`` (no arguments) returns URL kwargs, if the URL takes any."""

    setup: Callable[[], dict[str, Any]] | None = None
    methods: tuple[str, ...] = ("GET",)


@dataclass(frozen=True)
class LoginRequired:
    """Any logged-in user may request it; anonymous users are sent to the login page."""

    setup: Callable[[], dict[str, Any]] | None = None
    methods: tuple[str, ...] = ("GET",)


@dataclass(frozen=True)
class OrgScoped:
    """Only members of the owning organisation, with one of ``roles``. ``setup(org)`` returns URL kwargs."""

    setup: Callable[[Any], dict[str, Any]]
    roles: tuple[str, ...] = ALL_ROLES
    methods: tuple[str, ...] = ("GET", "POST")
    #: Organisation kinds the owning organisation is created as (the first one is used).
    org_kinds: tuple[str, ...] = ("user_company",)


@dataclass(frozen=True)
class UserScoped:
    """Only the owning user (e.g. their own registration). ``setup(user)`` returns URL kwargs."""

    setup: Callable[[Any], dict[str, Any]]
    methods: tuple[str, ...] = ("GET", "POST")


@dataclass(frozen=True)
class StaffOnly:
    """Platform staff only. ``setup`` (no arguments) returns URL kwargs, if any."""

    setup: Callable[[], dict[str, Any]] | None = None
    methods: tuple[str, ...] = ("GET", "POST")


@dataclass(frozen=True)
class Sample:
    """One request that shows how a delegated tree guards itself.

    ``user`` is ``"anonymous"``, ``"user"`` (logged in, verified, member of an organisation, not staff) or
    ``"staff"`` (a superuser). ``status`` is the expected status code; for a 302, ``redirect_to`` is the expected
    start of the ``Location`` (``"login"`` means the allauth login page).
    """

    path: str
    user: str = "anonymous"
    status: int = 302
    redirect_to: str | None = "login"
    method: str = "GET"


@dataclass(frozen=True)
class Delegated:
    """A whole included URL tree guarded by its own framework (Wagtail admin, allauth), with a reason.

    ``sample_paths`` are ``Sample`` requests; a bare string means "anonymous GET is sent to the login page".
    """

    reason: str
    sample_paths: tuple[Sample | str, ...] = field(default_factory=tuple)

    def samples(self) -> tuple[Sample, ...]:
        return tuple(Sample(s) if isinstance(s, str) else s for s in self.sample_paths)


Rule = Public | LoginRequired | OrgScoped | UserScoped | StaffOnly | Delegated


def collect_rules() -> dict[str, Rule]:
    """Merge every project app's ``tests/access/<app label>.py`` ``ACCESS_RULES``; a name classified twice is an
    error. Only apps inside the project directory count (third-party apps are classified as ``Delegated`` prefixes).
    """
    base_dir = Path(settings.BASE_DIR).resolve()
    rules: dict[str, Rule] = {}
    for config in apps.get_app_configs():
        module_name = f"tests.access.{config.label}"
        app_path = Path(config.path).resolve()
        if (
            config.name == "cpsplatform"
            or not app_path.is_relative_to(base_dir)
            or "site-packages" in app_path.parts
        ):
            continue
        if find_spec(module_name) is None:
            continue
        for name, rule in import_module(module_name).ACCESS_RULES.items():
            if name in rules:
                raise ValueError(f"URL {name!r} is classified twice")
            if name.startswith("/") and not isinstance(rule, Delegated):
                raise ValueError(f"Path prefix {name!r} may only be classified as Delegated")
            rules[name] = rule
    return rules
