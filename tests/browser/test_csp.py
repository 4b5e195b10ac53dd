"""Under the Content-Security-Policy the site's main pages and the chat run in Chromium without one violation.

The pages are served by a real daphne process (HTTP and WebSocket, the project's middleware), so the policy the
browser enforces is the one production sends. Violations are caught twice: the ``securitypolicyviolation`` DOM
event (recorded by a script Playwright injects outside the page's policy) and Chromium's console report.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cpsplatform.discussions import services as chat_services
from cpsplatform.discussions.models import ChannelKind, Message
from cpsplatform.home.pages import ensure_home_pages
from cpsplatform.organisations.models import OrganisationKind
from tests.discussions.conftest import make_org, make_person
from tests.events.conftest import make_event
from tests.marketplace.factories import make_listing, make_need

from .conftest import daphne_page
from .test_chat_realtime import chat_server, chromium  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_main_pages_and_the_chat_run_without_a_policy_violation(chat_server, chromium):  # noqa: F811
    ensure_home_pages()  # an earlier transactional test may have flushed the migrations' pages
    vendor = make_org(OrganisationKind.VENDOR)
    member = make_person(make_org(OrganisationKind.USER_COMPANY), display_name="Mika")
    make_person(vendor, display_name="Vendor person")
    listing = make_listing(vendor)
    need = make_need(member.memberships.get().organisation)
    event = make_event(make_org(OrganisationKind.EVENT_ORGANISER), meetup_capacity=5)
    channel = chat_services.do_create_channel(kind=ChannelKind.PUBLIC, name="Plant OT", created_by=member)

    page = daphne_page(chromium, chat_server, member)
    page.context.add_init_script(RECORD_VIOLATIONS)
    console_reports: list[str] = []
    page.on(
        "console",
        lambda message: (
            console_reports.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    pages = [
        "/",
        "/marketplace/",
        f"/marketplace/listings/{listing.pk}/",
        "/marketplace/needs/",
        f"/marketplace/needs/{need.pk}/",
        "/marketplace/dashboard/needs/new/",
        "/events/",
        f"/events/{event.pk}/",
        f"/events/{event.pk}/register/",
        "/search/?q=security",
        "/organisations/",
        "/discussions/",
    ]
    violations: dict[str, list[str]] = {}
    for url in pages:
        response = page.goto(url)
        assert response.status < 400, f"{url} answered {response.status}"
        assert "script-src 'self'" in response.headers["content-security-policy"], url
        if page.locator("details.menu").count():  # menus.js runs on a click
            page.locator("details.menu summary").first.click()
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[url] = found

    # The chat: the WebSocket connects under connect-src and a message goes out and comes back.
    page.goto(f"/discussions/c/{channel.slug}/")
    expect(page.locator("#chat")).to_have_attribute("data-connection", "connected")
    page.locator("#chat-input").fill("Sent under the Content-Security-Policy")
    page.locator("#chat-input").press("Enter")
    expect(page.locator("#chat-messages")).to_contain_text("Sent under the Content-Security-Policy")
    if found := page.evaluate("window.__cspViolations"):
        violations["chat"] = found

    assert not violations, f"policy violations: {violations}"
    assert not console_reports, f"Chromium reported: {console_reports}"
    assert Message.objects.filter(channel=channel, body="Sent under the Content-Security-Policy").exists()
