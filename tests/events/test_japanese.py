"""Events speak Japanese by default (the site's language), English on request; the catalogue is complete."""

import os
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from events.services import registration as service
from tests.marketplace.test_japanese_ui import po_entries

from .conftest import login, make_event, make_user

ROOT = Path(__file__).resolve().parents[2]
EVENTS_PO = ROOT / "events" / "locale" / "ja" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True)
def english_by_default():
    """Not here: these tests check the default language."""
    yield


@pytest.mark.django_db
def test_registration_pages_and_emails_are_japanese_by_default(
    organiser_org, django_capture_on_commit_callbacks
):
    event = make_event(organiser_org, capacity=1, meetup_capacity=5)
    first = make_user(preferred_language="ja")
    with django_capture_on_commit_callbacks(execute=True):
        registration = service.do_register(event=event, user=first, organisation=None)
    (message,) = mail.outbox
    assert message.subject == "参加が確定しました：中小企業のセキュリティ"
    assert "ワンクリックでキャンセルできます" in message.body
    client = login(Client(), first)
    page = client.get(reverse("events:registration", args=[registration.pk])).content.decode()
    assert "受付用QRコード" in page and "参加確定" in page
    second = login(Client(), make_user())
    response = second.post(reverse("events:register", args=[event.pk]), {"wants_meetup": "on"}, follow=True)
    assert "満席のためキャンセル待ちで受け付けました" in response.content.decode()


@pytest.mark.django_db
def test_english_on_request(organiser_org):
    event = make_event(organiser_org)
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("events:index")})
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Networking meetup" not in page  # no meetup on this event
    assert "Registration from" in page and f"#{event.number} SME security" in page


def test_events_catalogue_has_every_translatable_string(tmp_path):
    """What makemessages would collect from events/ and templates/events/ is all in the committed catalogue."""
    tree = tmp_path / "tree"
    (tree / "templates").mkdir(parents=True)
    (tree / "locale").mkdir()
    (tree / "events").symlink_to(ROOT / "events")
    (tree / "templates" / "events").symlink_to(ROOT / "templates" / "events")
    cwd = os.getcwd()
    os.chdir(tree)
    try:
        with override_settings(LOCALE_PATHS=[]):
            call_command(
                "makemessages",
                locale=["ja"],
                symlinks=True,
                no_location=True,
                ignore_patterns=["events/locale/*", "*/migrations/*"],
                verbosity=0,
            )
    finally:
        os.chdir(cwd)
    wanted = {(e["msgctxt"], e["msgid"]) for e in po_entries(tree / "locale/ja/LC_MESSAGES/django.po")[1:]}
    committed = {(e["msgctxt"], e["msgid"]) for e in po_entries(EVENTS_PO)[1:]}
    assert wanted
    assert sorted(wanted - committed, key=str) == [], "run sh events/locale/update.sh and translate"
    assert sorted(committed - wanted, key=str) == [], "obsolete entries: run sh events/locale/update.sh"
