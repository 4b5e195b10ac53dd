"""One header for the whole platform: the public sections for everyone, a workspace menu that follows the
organisation a person acts for, every link alive, and the current section marked."""

import pytest
from django.urls import reverse

from tests.events.conftest import make_event
from tests.factories import make_member, make_organisation, make_staff

from .conftest import english_client_for, header_links

pytestmark = pytest.mark.django_db

PUBLIC = {
    "Solutions": "marketplace:index",
    "Needs": "marketplace:need_list",
    "Verification register": "marketplace:verification_register",
    "Sessions": "events:index",
    "Search": "search:search",
}
WORKSPACE = {
    "My organisations": "organisations:dashboard",
    "My listings": "marketplace:vendor_dashboard",
    "My needs": "marketplace:needs_dashboard",
    "Introductions": "marketplace:introductions",
    "Verification queue": "marketplace:verification_queue",
    "Organise sessions": "events:organiser_index",
    "My registrations": "events:my_registrations",
    "Saved searches": "search:saved_searches",
    "Moderation": "marketplace:moderation_queue",
}


def menu(client, url_name: str = "marketplace:index") -> dict[str, dict]:
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return {link["text"]: link for link in header_links(response.content.decode())}


def workspace_of(links: dict[str, dict]) -> set[str]:
    return {
        text for text, link in links.items() if text in WORKSPACE and link["href"] == reverse(WORKSPACE[text])
    }


def test_everyone_sees_the_public_sections_and_no_workspace(english_client):
    links = menu(english_client)
    for text, url_name in PUBLIC.items():
        assert links[text]["href"] == reverse(url_name), text
    assert workspace_of(links) == set()
    assert links["Log in"]["href"] == reverse("account_login")
    assert links["Sign up"]["href"] == reverse("account_signup")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("vendor", {"My listings", "Introductions"}),
        ("user_company", {"My needs", "Introductions"}),
        ("university", {"My needs", "Introductions"}),
        ("verification_body", {"Verification queue", "Introductions"}),
        # Public agencies confirm registrations under the audit scheme and the SME help-service standard.
        ("public_agency", {"My needs", "Verification queue", "Introductions"}),
        ("event_organiser", {"Organise sessions", "Introductions"}),
    ],
)
def test_the_workspace_follows_the_kind_of_the_active_organisation(kind, expected):
    member = make_member(make_organisation(kind=kind)).user
    links = menu(english_client_for(member))
    assert workspace_of(links) == {"My organisations", "My registrations", "Saved searches", *expected}


def test_staff_see_moderation_the_verification_queue_and_the_admin():
    links = menu(english_client_for(make_staff()))
    assert {"Moderation", "Verification queue", "Organise sessions"} <= workspace_of(links)
    assert links["Admin (Wagtail)"]["href"] == "/cms/"


def test_a_member_of_an_organiser_organisation_may_organise_whichever_organisation_is_active():
    member = make_member(make_organisation(kind="vendor")).user
    make_member(make_organisation(kind="event_organiser"), user=member)
    links = menu(english_client_for(member))
    assert {"My listings", "Organise sessions"} <= workspace_of(links)


@pytest.mark.parametrize("kind", ["vendor", "user_company", "verification_body", "event_organiser"])
def test_every_header_link_answers(kind, security_categories):
    """No dead link: each link in the header opens a page for the person who sees it."""
    member = make_member(make_organisation(kind=kind)).user
    client = english_client_for(member)
    for text, link in menu(client).items():
        if link["href"].startswith("/") and text not in {"English", "日本語"}:
            response = client.get(link["href"])
            assert response.status_code == 200, (text, link["href"], response.status_code)


def test_staff_header_links_answer(security_categories):
    client = english_client_for(make_staff())
    for text, link in menu(client).items():
        response = client.get(link["href"])
        assert response.status_code == 200, (text, link["href"], response.status_code)


def test_the_current_section_is_marked(english_client):
    event = make_event()
    assert menu(english_client, "marketplace:need_list")["Needs"]["current"] == "page"
    assert menu(english_client, "marketplace:need_list")["Solutions"]["current"] is None
    response = english_client.get(reverse("events:detail", args=[event.pk]))
    links = {link["text"]: link for link in header_links(response.content.decode())}
    assert links["Sessions"]["current"] == "page"
    assert all(link["current"] is None for text, link in links.items() if text != "Sessions")


def test_the_header_is_japanese_by_default(client):
    html = client.get(reverse("marketplace:index")).content.decode()
    links = {link["text"] for link in header_links(html)}
    assert {"ソリューション", "ニーズ", "検証済み一覧", "イベント", "検索"} <= links
    assert "Solutions" not in links


def test_the_workspace_menu_is_japanese_by_default(client):
    member = make_member(make_organisation(kind="vendor")).user
    client.force_login(member)
    html = client.get(reverse("marketplace:index")).content.decode()
    assert "マイページ" in html and "自社ソリューション" in html and "My workspace" not in html
