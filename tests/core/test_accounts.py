"""Accounts through django-allauth: sign-up by e-mail with mandatory verification, login, logout, password reset,
rate limits, and the Wagtail admin login that goes through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cpsplatform.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, give_totp, login, make_staff, make_user, totp_code

NEW_PASSWORD = "Lantern-orbit-2026!"


def link_in(message) -> str:
    """The path of the first platform link in an e-mail."""
    url = re.search(r"https?://[^\s]+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up(client, email="hanako@example.co.jp", password=NEW_PASSWORD, password2=None):
    return client.post(
        reverse("account_signup"),
        {
            "display_name": "山田 花子",
            "email": email,
            "password1": password,
            "password2": password2 or password,
        },
    )


@pytest.mark.django_db
def test_new_user_must_confirm_the_email_before_logging_in(client, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="hanako@example.co.jp")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session

    response = client.post(
        reverse("account_login"), {"login": "hanako@example.co.jp", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    confirm_path = link_in(mailoutbox[0])
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "hanako@example.co.jp" in page.content.decode()
    client.post(confirm_path)
    assert EmailAddress.objects.get(user=user).verified

    response = client.post(
        reverse("account_login"), {"login": "hanako@example.co.jp", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:dashboard")
    assert client.get(reverse("organisations:dashboard")).status_code == 200


@pytest.mark.django_db
def test_signup_pages_render_in_the_platform_layout_in_both_languages(client):
    ja = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    en = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="site-header"' in ja and 'class="site-header"' in en
    assert "Create account" in en
    assert "アカウントを作成" in ja


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "password1", "password2", "field", "message"),
    [
        ("not-an-email", NEW_PASSWORD, NEW_PASSWORD, "email", "valid email"),
        ("taro@example.co.jp", "short1", "short1", "password1", "too short"),
        ("taro@example.co.jp", "password1234", "password1234", "password1", "too common"),
        ("taro@example.co.jp", "58302719465", "58302719465", "password1", "entirely numeric"),
        ("taro@example.co.jp", NEW_PASSWORD, NEW_PASSWORD + "x", "password2", "same password"),
    ],
    ids=["malformed-email", "short-password", "common-password", "numeric-password", "mismatched-passwords"],
)
def test_bad_signup_input_is_explained_and_creates_nothing(
    client, mailoutbox, email, password1, password2, field, message
):
    response = client.post(
        reverse("account_signup"),
        {"display_name": "Taro", "email": email, "password1": password1, "password2": password2},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field]).lower() or message in " ".join(errors[field])
    assert "Please correct the errors below" in response.content.decode()
    assert User.objects.count() == 0
    assert EmailAddress.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_signing_up_again_with_a_registered_email_creates_no_second_account(client, mailoutbox):
    make_user(email="taken@example.co.jp")
    sign_up(client, email="TAKEN@example.co.jp")
    assert User.objects.filter(email__iexact="taken@example.co.jp").count() == 1
    assert EmailAddress.objects.filter(email__iexact="taken@example.co.jp").count() == 1


@pytest.mark.django_db
def test_wrong_password_gets_a_clear_message(client):
    make_user(email="jiro@example.co.jp")
    response = client.post(
        reverse("account_login"),
        {"login": "jiro@example.co.jp", "password": "not-the-password"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failed_logins_are_rate_limited_even_with_the_right_password_afterwards(client):
    make_user(email="saburo@example.co.jp")
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": "saburo@example.co.jp", "password": "wrong-guess-123"}
        )
    response = client.post(
        reverse("account_login"),
        {"login": "saburo@example.co.jp", "password": DEFAULT_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_by_emailed_link_sets_a_new_password_once(client, mailoutbox):
    user = make_user(email="shiro@example.co.jp")
    client.post(reverse("account_reset_password"), {"email": "shiro@example.co.jp"})
    assert len(mailoutbox) == 1
    reset_path = link_in(mailoutbox[0])
    response = client.get(reset_path)
    assert response.status_code == 302  # allauth moves the key into the session
    form_path = response["Location"]
    response = client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    again = client.get(reset_path, follow=True)
    assert again.context["token_fail"]


@pytest.mark.django_db
def test_password_reset_refuses_a_weak_new_password(client, mailoutbox):
    user = make_user(email="goro@example.co.jp")
    client.post(reverse("account_reset_password"), {"email": "goro@example.co.jp"})
    form_path = client.get(link_in(mailoutbox[0]))["Location"]
    response = client.post(form_path, {"password1": "abc", "password2": "abc"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


@pytest.mark.django_db
def test_logout_ends_the_session_and_returns_to_the_home_page_in_the_same_language(client):
    login(client, make_user())
    response = client.post(reverse("account_logout"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "_auth_user_id" not in client.session
    login(client, make_user())
    assert client.post(reverse("account_logout"), HTTP_ACCEPT_LANGUAGE="ja")["Location"] == "/"


@pytest.mark.django_db
def test_wagtail_admin_sends_anonymous_visitors_to_the_allauth_login(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/cms/" in response["Location"]

    response = client.get("/cms/login/?next=/cms/pages/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fcms%2Fpages%2F"


@pytest.mark.django_db
def test_wagtail_admin_login_form_cannot_be_used_to_bypass_allauth(client):
    staff = make_staff(email="staff@example.co.jp")
    response = client.post("/cms/login/", {"username": staff.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_log_in_to_the_wagtail_admin_through_allauth(client):
    staff = make_staff(email="editor@example.co.jp", totp=False)
    secret = give_totp(staff)
    response = client.post(
        reverse("account_login") + "?next=/cms/",
        {"login": "editor@example.co.jp", "password": DEFAULT_PASSWORD, "next": "/cms/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")  # staff have a second factor
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/cms/"
    assert client.get("/cms/").status_code == 200


@pytest.mark.django_db
def test_allauth_rate_limit_applies_to_admin_logins(client):
    make_staff(email="boss@example.co.jp")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "boss@example.co.jp", "password": "bad-guess-123"})
    response = client.post(
        reverse("account_login") + "?next=/cms/",
        {"login": "boss@example.co.jp", "password": DEFAULT_PASSWORD, "next": "/cms/"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/cms/").status_code == 302


@pytest.mark.django_db
def test_non_staff_users_get_no_access_to_the_admins(client):
    login(client, make_user())
    response = client.get("/cms/")
    assert response.status_code == 302
    assert not response["Location"].startswith("/cms/")
    assert client.get("/django-admin/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/accounts/email/", "/accounts/password/change/", "/accounts/reauthenticate/"]
)
def test_account_management_pages_render_in_the_platform_layout(client, path):
    login(client, make_user())
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<html") == 1 and 'class="site-header"' in body
    assert "CPS コラボレーションプラットフォーム</title>" in body.replace("\n", "")
