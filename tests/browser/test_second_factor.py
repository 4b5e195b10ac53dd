"""Second factors in Chromium: a passkey registered with the browser's virtual authenticator (DevTools protocol)
signs in without a password, and an authenticator app is set up from the secret the page shows."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from tests.factories import DEFAULT_PASSWORD, make_user, totp_code


def add_virtual_authenticator(page: Page) -> None:
    """A platform authenticator (like Touch ID or Windows Hello) that stores passkeys and verifies the user."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def log_in_with_password(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My organisations")).to_be_visible()


def confirm_password(page: Page) -> None:
    """allauth asks for the password again before a second factor is added."""
    expect(page).to_have_url(re.compile(re.escape("/accounts/reauthenticate/")))
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.get_by_role("button", name="Confirm").click()


@pytest.mark.browser
def test_a_passkey_added_with_a_virtual_authenticator_signs_in_without_a_password(page: Page, live_server):
    user = make_user(email="passkey@hikari-factory.example", preferred_language="en")
    add_virtual_authenticator(page)
    log_in_with_password(page, user.email)

    page.goto("/accounts/2fa/webauthn/add/")
    confirm_password(page)
    page.fill("#id_name", "Laptop")
    page.check("#id_passwordless")
    page.locator("#mfa_webauthn_add").click()

    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    passkey = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert passkey.wrap().is_passwordless

    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()

    expect(page.get_by_role("heading", name="My organisations")).to_be_visible()


@pytest.mark.browser
def test_an_authenticator_app_is_set_up_from_the_secret_on_the_page(page: Page, live_server):
    user = make_user(email="totp@hikari-factory.example", preferred_language="en")
    log_in_with_password(page, user.email)

    page.goto("/accounts/2fa/totp/activate/")
    confirm_password(page)
    expect(page.locator("img[src^='data:image/svg+xml']")).to_be_visible()  # the QR code
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("#id_code", totp_code(secret))
    page.get_by_role("button", name="Activate").click()

    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    # The next sign-in asks for the code.
    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape("/accounts/2fa/authenticate/")))
    page.fill("#id_code", codes[0])  # a recovery code stands in for the app
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="My organisations")).to_be_visible()
