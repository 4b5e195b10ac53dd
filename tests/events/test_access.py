"""Every events URL is classified, its setup works, the owner gets the page and others do not (a local version
of the project's access matrix, so a broken setup shows up here first)."""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from tests.access.events import ACCESS_RULES
from tests.access.rules import LoginRequired, OrgScoped, Public, UserScoped

from .conftest import make_org, make_user

pytestmark = pytest.mark.django_db


def events_url_names() -> set[str]:
    resolver = get_resolver()
    (events_resolver,) = [p for p in resolver.url_patterns if getattr(p, "namespace", None) == "events"]
    return {f"events:{p.name}" for p in events_resolver.url_patterns if isinstance(p, URLPattern)}


def test_every_events_url_is_classified():
    assert events_url_names() == set(ACCESS_RULES)


@pytest.mark.parametrize("name", sorted(ACCESS_RULES))
def test_owner_is_served_and_others_are_refused(client, name, private_storage):
    rule = ACCESS_RULES[name]
    owner = None
    if isinstance(rule, OrgScoped):
        org = make_org(rule.org_kinds[0])
        owner = make_user(org)
        kwargs = rule.setup(org)
    elif isinstance(rule, UserScoped):
        owner = make_user()
        kwargs = rule.setup(owner)
    elif isinstance(rule, Public | LoginRequired):
        kwargs = rule.setup() if rule.setup else {}
        owner = make_user(make_org("event_organiser")) if isinstance(rule, LoginRequired) else None
    url = reverse(name, kwargs=kwargs)
    method = rule.methods[0].lower()

    if not isinstance(rule, Public):
        assert getattr(client, method)(url).status_code == 302, "anonymous must be sent to log in"
        stranger = make_user(make_org("event_organiser"))
        client.force_login(stranger)
        if isinstance(rule, OrgScoped | UserScoped):
            assert getattr(client, method)(url).status_code in (403, 404)
        client.logout()
    if owner is not None:
        client.force_login(owner)
    response = getattr(client, method)(url)
    assert response.status_code in (200, 302), (name, response.status_code)
