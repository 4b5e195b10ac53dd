"""Second factor at sign-in, on every way in (site, Wagtail admin, Django admin): TOTP codes, their rate limit,
recovery codes that work once, and the audit trail and mails that follow a person's factors."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.test import Client
from django.urls import reverse

from cpsplatform.audit.models import AuditLogEntry
from tests.factories import DEFAULT_PASSWORD, give_totp, login, make_staff, make_user, totp_code

pytestmark = pytest.mark.django_db


def sign_in_with_password(client: Client, user, next_url: str = ""):
    data = {"login": user.email, "password": DEFAULT_PASSWORD}
    url = reverse("account_login")
    if next_url:
        data["next"] = next_url
        url = f"{url}?next={next_url}"
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_a_password_alone_does_not_sign_in_someone_with_a_second_factor():
    user = make_user()
    secret = give_totp(user)
    client = Client()

    response = sign_in_with_password(client, user)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("admin_path", ["/cms/", "/cms/audit/"])
def test_the_admins_ask_staff_for_the_second_factor(admin_path):
    staff = make_staff(totp=False)
    secret = give_totp(staff)
    client = Client()

    response = sign_in_with_password(client, staff, next_url=admin_path)

    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(admin_path).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == admin_path
    assert client.get(admin_path).status_code == 200


@pytest.mark.parametrize("staff_path", ["/cms/", "/cms/audit/", "/marketplace/moderation/"])
def test_staff_without_a_second_factor_are_led_to_set_one_up_first(staff_path):
    client = login(Client(), make_staff(totp=False))

    response = client.get(staff_path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    assert client.get(response["Location"]).status_code == 200  # the set-up page itself is open to them


def test_wrong_totp_codes_are_limited_per_account():
    user = make_user()
    secret = give_totp(user)
    client = Client()
    sign_in_with_password(client, user)

    for _ in range(5):
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert "Incorrect code" in response.content.decode()
    response = client.post(
        reverse("mfa_authenticate"), {"code": totp_code(secret)}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not signed_in(client)
    # The limit is the account's, in the shared cache: a fresh browser meets it too.
    other = Client()
    sign_in_with_password(other, user)
    response = other.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Too many failed login attempts" in response.content.decode()
    assert not signed_in(other)


def test_a_recovery_code_signs_in_once_and_is_audited():
    user = make_user()
    give_totp(user)
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    code = RecoveryCodes(recovery).get_unused_codes()[0]

    first = Client()
    sign_in_with_password(first, user)
    first.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in(first)
    assert AuditLogEntry.objects.filter(action="accounts.mfa.recovery_code_used", actor=user).count() == 1

    second = Client()
    sign_in_with_password(second, user)
    response = second.post(reverse("mfa_authenticate"), {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert not signed_in(second)


@pytest.mark.django_db(transaction=True)
def test_setting_up_and_removing_totp_is_audited_and_mailed_to_the_person():
    """transaction=True: allauth announces the new factor (signal, mail) after commit, inside the request."""
    user = make_user(preferred_language="en")
    client = login(Client(), user)
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()  # the QR code
    mail.outbox.clear()
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert AuditLogEntry.objects.filter(action="accounts.mfa.added", actor=user).exists()
    assert [m.to for m in mail.outbox] == [[user.email]]

    # Shown once: the codes are on the first view, with a download, and masked afterwards.
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    first_code = RecoveryCodes(recovery).get_unused_codes()[0]
    assert first_code in codes_page and 'download="recovery-codes.txt"' in codes_page
    assert first_code not in client.get(reverse("mfa_view_recovery_codes")).content.decode()

    mail.outbox.clear()
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert AuditLogEntry.objects.filter(action="accounts.mfa.removed", actor=user).exists()
    assert [m.to for m in mail.outbox] == [[user.email]]
