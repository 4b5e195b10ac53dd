"""The bilingual Wagtail home page and the core's demo data."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from wagtail.models import Page, Site

from cpsplatform.accounts.models import User
from cpsplatform.home.models import HomePage
from cpsplatform.home.pages import ensure_home_pages
from cpsplatform.organisations.models import Membership, Organisation, OrganisationKind
from cpsplatform.organisations.validators import validate_corporate_number
from scripts.demo import organisations as demo
from scripts.demo import seed_all

pytestmark = pytest.mark.django_db


def test_japanese_home_page_is_the_site_root_and_english_is_its_translation(client):
    ja = client.get("/")
    en = client.get("/en/")
    assert ja.status_code == en.status_code == 200
    ja_text, en_text = ja.content.decode(), en.content.decode()
    assert '<html lang="ja">' in ja_text and '<html lang="en">' in en_text
    assert "CPS セキュリティ・コラボレーションプラットフォーム" in ja_text
    assert "検証機関による有効性検証済み" in ja_text  # the verification ladder, in Japanese
    assert "CPS Security Collaboration Platform" in en_text
    assert "Effectiveness tested by a verification body" in en_text
    assert "Kyushu-Okinawa" in en_text and "九州・沖縄" in ja_text
    site_root = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(site_root, HomePage) and site_root.locale.language_code == "ja"
    assert site_root.get_translation(en.context["page"].locale) == en.context["page"]


def test_language_switch_moves_between_the_two_home_pages(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response["Location"] == "/en/"
    response = client.post(reverse("set_language"), {"language": "ja", "next": "/en/"})
    assert response["Location"] == "/"


def test_language_switch_translates_application_pages_too(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert "Forgot your password?" in client.get(reverse("account_login")).content.decode()
    client.post(reverse("set_language"), {"language": "ja", "next": "/accounts/login/"})
    assert "パスワードをお忘れですか？" in client.get(reverse("account_login")).content.decode()


def test_home_pages_are_recreated_when_missing_and_left_alone_otherwise():
    ensure_home_pages()
    pages = Page.objects.count()
    ensure_home_pages()
    assert Page.objects.count() == pages

    HomePage.objects.all().delete()
    ja, en = ensure_home_pages()
    assert ja.live and en.live and en.translation_key == ja.translation_key
    assert Site.objects.get(is_default_site=True).root_page_id == ja.pk


def seed() -> str:
    out = io.StringIO()
    seed_all(out)
    return out.getvalue()


def snapshot():
    return (
        sorted(Organisation.objects.values_list("slug", "name_ja", "name_en", "kind", "corporate_number")),
        sorted(
            Membership.objects.values_list(
                "organisation__slug", "user__email", "role", "email_domain_matches"
            )
        ),
        sorted(User.objects.values_list("email", "is_staff", "password")),
        HomePage.objects.count(),
    )


def test_seed_demo_is_idempotent_and_covers_every_organisation_kind(client):
    output = seed()
    assert "demo-password-2026" in output
    first = snapshot()
    seed()
    assert snapshot() == first

    core = Organisation.objects.filter(slug__in=[spec["slug"] for spec in demo.ORGANISATIONS])
    assert set(core.values_list("kind", flat=True)) == set(OrganisationKind.values)
    for number in core.values_list("corporate_number", flat=True):
        validate_corporate_number(number)
    assert not core.exclude(memberships__role="owner").exists()
    assert not EmailAddress.objects.filter(verified=False).exists()
    staff = User.objects.get(email=demo.STAFF_EMAIL)
    assert staff.is_staff and staff.is_superuser
    assert Membership.objects.filter(user__email="tanaka@sakura-secure.example").count() == 2


def test_demo_users_log_in_with_the_documented_password(client):
    seed()
    response = client.post(
        reverse("account_login"), {"login": "tanaka@sakura-secure.example", "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:dashboard")
    body = client.get(reverse("organisations:dashboard")).content.decode()
    assert "株式会社サクラセキュア" in body and "CPSセキュリティ交流会実行委員会" in body


def test_home_pages_are_rebuilt_on_an_emptied_database(client):
    Site.objects.all().delete()
    Page.objects.all().delete()
    ensure_home_pages()
    assert client.get("/").status_code == 200
    assert client.get("/en/").status_code == 200
