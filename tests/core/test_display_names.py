"""Public display names: required at sign-up, asked once of accounts without one, changeable on the profile page,
and the one name mails, chat and lists use."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cpsplatform.accounts.models import User
from cpsplatform.accounts.names import display_name
from cpsplatform.audit.models import AuditLogEntry
from tests.factories import login, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "Lantern-orbit-2026!"


def sign_up(client, name, email="hanako@example.co.jp", language="en"):
    return client.post(
        reverse("account_signup"),
        {"display_name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_signup_stores_the_trimmed_public_name(client, mailoutbox):
    response = sign_up(client, "  山田 花子 \u3000")
    assert response.status_code == 302
    assert User.objects.get(email="hanako@example.co.jp").display_name == "山田 花子"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the name other people will see."),
        ("   ", "Enter the name other people will see."),
        ("x" * 51, "Use at most 50 characters (this name has 51)."),
        ("Hanako\nAdmin", "invisible control character"),
        ("Hanako\u202eevil", "invisible control character"),
    ],
    ids=["empty", "blank", "too-long", "line-break", "bidi-override"],
)
def test_signup_without_a_valid_public_name_is_explained_and_creates_nothing(
    client, mailoutbox, name, message
):
    response = sign_up(client, name)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["display_name"])
    assert message in errors
    assert "Please correct the errors below" in response.content.decode()
    assert not User.objects.exists() and not EmailAddress.objects.exists()
    assert mailoutbox == []


def test_signup_form_asks_for_the_public_name_first_in_japanese(client):
    page = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "公開名" in page
    assert page.index('name="display_name"') < page.index('name="email"')


def test_a_fifty_character_name_is_accepted(client, mailoutbox):
    assert sign_up(client, "名" * 50).status_code == 302


def test_a_user_without_a_name_is_asked_once_and_then_goes_where_they_were_going(client):
    user = make_user(display_name="")
    login(client, user)
    target = reverse("events:index") + "?page=2"
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:choose_name") + "?next=")

    form = client.get(response["Location"])
    assert form.status_code == 200 and 'name="next"' in form.content.decode()
    bad = client.post(reverse("accounts:choose_name"), {"display_name": " ", "next": target})
    assert bad.status_code == 400
    assert "ほかの人に表示される名前を入力してください。" in bad.content.decode()

    done = client.post(reverse("accounts:choose_name"), {"display_name": " Jane Doe ", "next": target})
    assert done.status_code == 302 and done["Location"] == target
    user.refresh_from_db()
    assert user.display_name == "Jane Doe"
    assert client.get(target).status_code == 200
    entry = AuditLogEntry.objects.get(action="accounts.user.display_name_changed")
    assert entry.actor == user and entry.data == {"from": "", "to": "Jane Doe"}


def test_the_name_prompt_never_sends_people_off_the_site(client):
    user = make_user(display_name="")
    login(client, user)
    response = client.post(
        reverse("accounts:choose_name"), {"display_name": "Jane", "next": "https://evil.example/phish"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:dashboard")


def test_the_name_prompt_lets_logout_health_checks_form_posts_and_scripts_through(client):
    user = make_user(display_name="")
    login(client, user)
    assert client.get("/healthz").status_code != 302
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("events:index"), HTTP_ACCEPT="application/json").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_people_with_a_name_are_never_asked(client):
    login(client, make_user(display_name="Kenji"))
    assert client.get(reverse("events:index")).status_code == 200
    assert client.get(reverse("accounts:choose_name"))["Location"] == reverse("organisations:dashboard")


def test_the_profile_page_changes_the_public_name(client):
    user = make_user(display_name="Old Name")
    login(client, user)
    page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200 and 'value="Old Name"' in page.content.decode()
    bad = client.post(reverse("accounts:profile"), {"display_name": "x" * 60}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and "at most 50 characters" in bad.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Old Name"
    assert client.post(reverse("accounts:profile"), {"display_name": "新しい 名前"}).status_code == 302
    user.refresh_from_db()
    assert user.display_name == "新しい 名前"


def test_display_name_falls_back_to_the_email_local_part():
    assert display_name(make_user(email="taro.y@example.com", display_name="")) == "taro.y"
    assert display_name(make_user(display_name="Taro")) == "Taro"
    assert display_name(None) == ""


def test_the_signup_confirmation_mail_names_the_platform_and_greets_by_name(client, mailoutbox, settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    sign_up(client, "山田 花子", language="ja")
    (message,) = mailoutbox
    assert message.body.startswith("山田 花子 さん")
    assert "CPS コラボレーションプラットフォーム" in message.body
    assert "127.0.0.1:8101 です" not in message.body and "こんにちは" not in message.body
    link = re.search(r"(https?://[^/\s]+)(/accounts/confirm-email/\S+)", message.body)
    assert link.group(1) == "http://127.0.0.1:8101"
    assert client.get(link.group(2)).status_code == 200


def test_the_password_reset_mail_reads_well_in_english_with_a_site_url_link(client, mailoutbox, settings):
    settings.SITE_URL = "https://cps.example.org"
    make_user(email="jiro@example.co.jp", display_name="Jiro Sato", preferred_language="en")
    client.post(reverse("account_reset_password"), {"email": "jiro@example.co.jp"}, HTTP_ACCEPT_LANGUAGE="en")
    (message,) = mailoutbox
    assert message.body.startswith("Hello Jiro Sato,")
    assert "— CPS Collaboration Platform" in message.body
    assert re.search(r"https://cps\.example\.org/accounts/password/reset/key/\S+", message.body)
