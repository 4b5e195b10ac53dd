"""The header in a real browser: the workspace menu opens from its button and closes on a click elsewhere or
Escape, and on a phone the main sections stay reachable behind the menu button."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_workspace_menu_opens_closes_and_leads_to_the_pages(page_as, security_categories):
    organisation = make_organisation(kind="vendor")
    member = make_member(organisation).user
    page = page_as(member)
    page.goto("/marketplace/")
    menu = page.get_by_role("banner").locator("details.workspace-menu")
    my_listings = menu.get_by_role("link", name="My listings")
    expect(my_listings).to_be_hidden()
    menu.get_by_text("My workspace").click()
    expect(my_listings).to_be_visible()
    expect(menu).to_contain_text(f"Acting as {organisation}")
    page.get_by_role("heading", name="Security solutions").click()  # a click elsewhere closes it
    expect(my_listings).to_be_hidden()
    menu.get_by_text("My workspace").click()
    page.keyboard.press("Escape")
    expect(my_listings).to_be_hidden()
    menu.get_by_text("My workspace").click()
    my_listings.click()
    expect(page).to_have_url(f"{page.url.split('/marketplace/')[0]}/marketplace/dashboard/listings/")
    expect(page.get_by_role("banner").get_by_role("link", name="Solutions")).to_be_visible()


def test_on_a_phone_every_section_is_reachable(page_as):
    member = make_member(make_organisation(kind="user_company")).user
    page = page_as(member, viewport={"width": 390, "height": 800})
    page.goto("/events/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Search", exact=True)).to_be_hidden()  # folded behind the menu button
    page.get_by_role("banner").get_by_role("button", name="Menu").click()
    for name in ("Solutions", "Needs", "Verification register", "Sessions", "Discussions", "Search"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_in_viewport()
    page.get_by_role("banner").get_by_text("My workspace").click()
    expect(page.get_by_role("banner").get_by_role("link", name="My needs")).to_be_in_viewport()
