"""The access-control matrix: every URL of the project is classified, and every classification holds.

Each app says who may request its URLs in ``tests/access/<app label>.py`` (see ``tests/access/rules.py``). This test walks
every URL pattern Django knows, fails on any pattern no rule covers (and on rules that cover nothing), then
requests each classified URL as anonymous, as a member of another organisation and as a member of the owning
organisation without the role, and checks the answer and that no row of any table changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.rules import (
    ALL_ROLES,
    Delegated,
    LoginRequired,
    OrgScoped,
    Public,
    Sample,
    StaffOnly,
    UserScoped,
    collect_rules,
)
from tests.factories import login, make_member, make_organisation, make_staff, make_user

REFUSED_FOR_OUTSIDERS = {403, 404}


@dataclass(frozen=True)
class Route:
    name: str | None
    path: str  # the pattern's route from the root, e.g. "/organisations/<slug:slug>/edit/"


def _route_text(pattern) -> str:
    text = str(pattern)
    if text.startswith("^"):
        text = text[1:]
    return text.removesuffix("$").removesuffix("\\Z")


def walk(patterns, prefix: str = "/", namespace: str | None = None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, prefix + _route_text(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Route(name, prefix + _route_text(entry.pattern))


RULES = collect_rules()
ROUTES = list(walk(get_resolver().url_patterns))
PREFIXES = sorted((key for key in RULES if key.startswith("/")), key=len, reverse=True)


def rule_key_for(route: Route) -> str | None:
    for prefix in PREFIXES:
        if route.path.startswith(prefix):
            return prefix
    if route.name in RULES:
        return route.name
    return None


def test_every_url_pattern_is_classified():
    unclassified = sorted(f"{r.name or '(unnamed)'} {r.path}" for r in ROUTES if rule_key_for(r) is None)
    assert not unclassified, (
        "URL patterns without an access rule (add them to tests/access/<app label>.py):\n"
        + "\n".join(unclassified)
    )


def test_every_access_rule_covers_a_url_pattern():
    used = {rule_key_for(route) for route in ROUTES}
    stale = sorted(set(RULES) - used)
    assert not stale, f"Access rules that match no URL pattern (renamed or removed URLs?): {stale}"


# --- helpers --------------------------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    """Rows in every table of every installed model, in one query."""
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )
    quote = connection.ops.quote_name
    # Table names come from the models, quoted by the backend: nothing user-supplied reaches the SQL.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def request(client: Client, method: str, url: str):
    return client.get(url) if method == "GET" else client.post(url, {})


def assert_refused(
    client: Client, method: str, url: str, allowed: set[int], who: str, login_ok: bool = False
):
    before = row_counts()
    response = request(client, method, url)
    refused = response.status_code in allowed or (login_ok and is_login_redirect(response))
    assert refused, f"{method} {url} as {who}: expected {sorted(allowed)}, got {response.status_code}"
    changed = {
        t: (n, after)
        for (t, n), after in zip(before.items(), row_counts().values(), strict=True)
        if n != after
    }
    assert not changed, f"{method} {url} as {who} was refused but changed rows: {changed}"


def assert_sent_to_login(client: Client, method: str, url: str):
    before = row_counts()
    response = request(client, method, url)
    assert is_login_redirect(response), (
        f"{method} {url} as anonymous: expected a redirect to the login page, got {response.status_code} "
        f"{response.get('Location', '')}"
    )
    assert row_counts() == before, f"{method} {url} as anonymous changed rows"


def assert_not_refused(client: Client, method: str, url: str, who: str):
    response = request(client, method, url)
    refused = {403, 404} if method == "GET" else {403}
    assert response.status_code not in refused and not is_login_redirect(response), (
        f"{method} {url} as {who} (who may) was refused with {response.status_code}: check the rule's setup"
    )


def logged_in(user) -> Client:
    return login(Client(), user)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


# --- classified URLs ------------------------------------------------------------------------------------------

CHECKED = sorted((name, rule) for name, rule in RULES.items() if not isinstance(rule, Delegated))


@pytest.mark.parametrize(("name", "rule"), CHECKED, ids=[name for name, _ in CHECKED])
def test_classified_url_refuses_everyone_without_the_right_and_changes_nothing(db, name, rule):
    if isinstance(rule, OrgScoped):
        owning = make_organisation(kind=rule.org_kinds[0], owner=make_user())
        url = reverse(name, kwargs=rule.setup(owning))
        outsider = make_organisation(kind=rule.org_kinds[0], owner=make_user()).memberships.get().user
        for method in rule.methods:
            assert_refused(Client(), method, url, REFUSED_FOR_OUTSIDERS, "anonymous", login_ok=True)
            assert_refused(
                logged_in(outsider), method, url, REFUSED_FOR_OUTSIDERS, "a member of another organisation"
            )
            for role in sorted(set(ALL_ROLES) - set(rule.roles)):
                member = make_member(owning, role=role).user
                assert_refused(
                    logged_in(member), method, url, REFUSED_FOR_OUTSIDERS, f"a {role} of the organisation"
                )
        if rule.roles[0] == "owner":
            allowed = owning.memberships.get(role="owner").user
        else:
            allowed = make_member(owning, role=rule.roles[0]).user
        for method in rule.methods:
            assert_not_refused(logged_in(allowed), method, url, f"a {rule.roles[0]}")

    elif isinstance(rule, UserScoped):
        owner = make_user()
        url = reverse(name, kwargs=rule.setup(owner))
        for method in rule.methods:
            assert_refused(Client(), method, url, REFUSED_FOR_OUTSIDERS, "anonymous", login_ok=True)
            assert_refused(logged_in(make_user()), method, url, REFUSED_FOR_OUTSIDERS, "another user")
        for method in rule.methods:
            assert_not_refused(logged_in(owner), method, url, "the owning user")

    elif isinstance(rule, StaffOnly):
        url = reverse(name, kwargs=rule.setup() if rule.setup else {})
        for method in rule.methods:
            assert_refused(Client(), method, url, REFUSED_FOR_OUTSIDERS, "anonymous", login_ok=True)
            user = make_organisation(owner=make_user()).memberships.get().user
            assert_refused(
                logged_in(user), method, url, REFUSED_FOR_OUTSIDERS, "a non-staff user", login_ok=True
            )
        for method in rule.methods:
            assert_not_refused(logged_in(make_staff()), method, url, "staff")

    elif isinstance(rule, LoginRequired):
        url = reverse(name, kwargs=rule.setup() if rule.setup else {})
        for method in rule.methods:
            assert_sent_to_login(Client(), method, url)
        if "GET" in rule.methods:
            # Any logged-in user gets past the login; the view may still refuse them for other reasons (no
            # organisation of the right kind, wrong invitee), which the app's own tests cover.
            response = logged_in(make_user()).get(url)
            assert not is_login_redirect(response) and response.status_code < 500, (
                f"GET {url} as a logged-in user answered {response.status_code} {response.get('Location', '')}"
            )

    elif isinstance(rule, Public):
        url = reverse(name, kwargs=rule.setup() if rule.setup else {})
        for method in rule.methods:
            response = request(Client(), method, url)
            assert response.status_code < 400 and not is_login_redirect(response), (
                f"{method} {url} is public but answered {response.status_code} to anonymous"
            )

    else:  # pragma: no cover - a new kind of rule needs handling here
        pytest.fail(f"Unknown rule type {type(rule).__name__} for {name}")


# --- delegated trees ------------------------------------------------------------------------------------------

SAMPLES = sorted(
    (
        (key, sample)
        for key, rule in RULES.items()
        if isinstance(rule, Delegated)
        for sample in rule.samples()
    ),
    key=lambda item: (item[0], item[1].path, item[1].user, item[1].method),
)


def test_every_delegated_tree_has_samples():
    bare = sorted(key for key, rule in RULES.items() if isinstance(rule, Delegated) and not rule.samples())
    assert not bare, f"Delegated rules without sample requests: {bare}"


@pytest.mark.parametrize(
    ("key", "sample"), SAMPLES, ids=[f"{s.method} {s.path} as {s.user}" for _, s in SAMPLES]
)
def test_delegated_tree_guards_itself(db, key, sample: Sample):
    client = Client()
    if sample.user == "user":
        login(client, make_organisation(owner=make_user()).memberships.get().user)
    elif sample.user == "staff":
        login(client, make_staff())
    before = row_counts()
    response = request(client, sample.method, sample.path)
    assert response.status_code == sample.status, (
        f"{sample.method} {sample.path} as {sample.user}: expected {sample.status}, got {response.status_code} "
        f"{response.get('Location', '')}"
    )
    if sample.status == 302 and sample.redirect_to:
        expected = reverse("account_login") if sample.redirect_to == "login" else sample.redirect_to
        assert response["Location"].startswith(expected), response["Location"]
    if sample.status != 200:
        assert row_counts() == before, f"{sample.method} {sample.path} as {sample.user} changed rows"
