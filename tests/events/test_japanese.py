"""Events speak Japanese by default (the site's language), English on request; the catalogue is complete."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from events.services import registration as service
from scripts import messages
from tests.marketplace.test_japanese_ui import po_entries

from .conftest import login, make_event, make_user


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
    collected = messages.collect("events", tmp_path / "tree")
    wanted = {(e["msgctxt"], e["msgid"]) for e in po_entries(collected)[1:]}
    committed = {(e["msgctxt"], e["msgid"]) for e in po_entries(messages.catalogue("events"))[1:]}
    assert wanted
    assert sorted(wanted - committed, key=str) == [], "run python -m scripts.messages events and translate"
    assert sorted(committed - wanted, key=str) == [], (
        "obsolete entries: run python -m scripts.messages events"
    )
