"""A newcomer signs up, confirms the e-mail, creates an organisation and brings a colleague in — in Chromium."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from cpsplatform.home.pages import ensure_home_pages
from cpsplatform.organisations.models import Membership

PASSWORD = "Harbour-lights-2026"


def last_link(path_part: str) -> str:
    """The path of the newest link containing ``path_part`` in the mails sent so far."""
    for message in reversed(mail.outbox):
        match = re.search(r"https?://[^/\s]+(" + re.escape(path_part) + r"\S*)", message.body)
        if match:
            return match.group(1)
    raise AssertionError(f"No mail with a {path_part} link among {[m.subject for m in mail.outbox]}")


def sign_up_and_confirm(page: Page, email: str) -> None:
    page.goto("/accounts/signup/")
    page.fill("#id_display_name", email.split("@")[0].title())
    page.fill("#id_email", email)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Confirm your e-mail address")).to_be_visible()

    page.goto(last_link("/accounts/confirm-email/"))
    expect(page.get_by_text(f"Please confirm that {email} is your e-mail address.")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()


def log_in(page: Page, email: str, next_path: str = "") -> None:
    page.goto("/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.browser
def test_newcomer_signs_up_creates_an_organisation_and_a_colleague_accepts_the_invitation(
    page: Page, live_server
):
    # The home pages come from a data migration, which an earlier transactional test's flush may have undone.
    ensure_home_pages()

    sign_up_and_confirm(page, "aiko@hikari-factory.example")
    log_in(page, "aiko@hikari-factory.example")
    expect(page.get_by_role("heading", name="My organisations")).to_be_visible()
    expect(page.get_by_text("You do not belong to an organisation yet.")).to_be_visible()

    page.get_by_role("link", name="Create an organisation").click()
    page.fill("#id_name_ja", "ひかり工場株式会社")
    page.fill("#id_name_en", "Hikari Factory Co., Ltd.")
    page.select_option("#id_kind", "user_company")
    page.select_option("#id_region", "chubu")
    page.fill("#id_website", "https://hikari-factory.example")
    page.fill("#id_corporate_number", "1234567890123")  # wrong check digit first
    page.get_by_role("button", name="Create organisation").click()
    expect(page.get_by_text("This corporate number's check digit is wrong")).to_be_visible()
    expect(page.locator("#id_name_en")).to_have_value("Hikari Factory Co., Ltd.")  # nothing typed is lost
    page.fill("#id_corporate_number", "9234567890123")
    page.get_by_role("button", name="Create organisation").click()
    expect(page.get_by_text("ひかり工場株式会社 was created. You are its owner.")).to_be_visible()
    expect(page.get_by_role("heading", name="Members of ひかり工場株式会社")).to_be_visible()
    expect(page.locator(".active-org")).to_have_text("ひかり工場株式会社")

    page.fill("#id_email", "bunta@hikari-factory.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("An invitation was sent to bunta@hikari-factory.example.")).to_be_visible()
    expect(page.locator("ul.invitations")).to_contain_text("bunta@hikari-factory.example")
    invitation_path = last_link("/organisations/invitations/")

    page.get_by_role("banner").get_by_text("My workspace").click()  # the menu that holds "Log out"
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="CPS Security Collaboration Platform")
    ).to_be_visible()  # /en/ home
    expect(page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()

    sign_up_and_confirm(page, "bunta@hikari-factory.example")
    log_in(page, "bunta@hikari-factory.example", next_path=invitation_path)
    expect(page.get_by_role("heading", name="Invitation to join ひかり工場株式会社")).to_be_visible()
    page.get_by_role("button", name="Accept invitation").click()
    expect(page.get_by_text("Welcome to ひかり工場株式会社! You joined as Member.")).to_be_visible()
    members = page.locator("table.members")
    expect(members).to_contain_text("aiko@hikari-factory.example")
    expect(members).to_contain_text("bunta@hikari-factory.example")
    expect(members.get_by_text("E-mail domain matches website")).to_have_count(2)

    # The link works once: opening it again explains why nothing happens.
    page.goto(invitation_path)
    expect(page.get_by_text("This invitation has already been used.")).to_be_visible()

    roles = dict(Membership.objects.values_list("user__email", "role"))
    assert roles == {"aiko@hikari-factory.example": "owner", "bunta@hikari-factory.example": "member"}
