import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Registration
from events.services import registration as service
from events.services.notifications import do_send_reminders
from events.tokens import cancel_token

from .conftest import make_event, make_user

Status = Registration.Status
pytestmark = pytest.mark.django_db


def cancel_link(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/events/cancel/\S+/)", body).group(1)


def test_reminders_are_sent_once_with_a_one_click_cancel_link(
    client, organiser_org, django_capture_on_commit_callbacks
):
    event = make_event(organiser_org, capacity=1)
    holder = service.do_register(event=event, user=make_user(), organisation=None)
    waiting = service.do_register(event=event, user=make_user(), organisation=None)
    before = event.starts_at - timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_reminders(now=before) == 1
        assert do_send_reminders(now=before) == 0
    (reminder,) = mail.outbox
    assert reminder.to == [holder.user.email] and reminder.subject.startswith("Reminder")
    link = cancel_link(reminder.body)
    assert client.get(link).status_code == 200
    holder.refresh_from_db()
    assert holder.status == Status.CONFIRMED  # opening the link (e.g. a mail scanner) changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Status.CANCELLED
    assert waiting.status == Status.OFFERED


def test_a_tampered_or_stale_cancel_link_is_refused(client, event):
    registration = service.do_register(event=event, user=make_user(), organisation=None)
    token = cancel_token(registration)
    tampered = client.post(reverse("events:cancel_by_token", args=[token[:-2] + "xx"]))
    assert tampered.status_code == 400 and "not valid" in tampered.content.decode()
    service.do_cancel_registration(registration, by=registration.user)
    service.do_register(event=event, user=registration.user, organisation=None)
    stale = client.post(reverse("events:cancel_by_token", args=[token]))
    assert stale.status_code == 400 and "no longer valid" in stale.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_emails_are_in_the_participants_language(event, django_capture_on_commit_callbacks):
    english = make_user(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        service.do_register(event=event, user=english, organisation=None)
    (message,) = mail.outbox
    assert message.subject == "Your seat is confirmed: SME security"
    assert "Cannot come? Give your seat back with one click" in message.body


def test_no_email_is_sent_when_the_registration_rolls_back(event, django_capture_on_commit_callbacks):
    from events.services.errors import MeetupFull

    service.do_register(event=event, user=make_user(), organisation=None, wants_meetup=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MeetupFull):
        service.do_register(event=event, user=make_user(), organisation=None, wants_meetup=True)
    assert mail.outbox == []


def test_the_reminders_cancel_link_starts_with_the_configured_site_url(
    client, organiser_org, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8101"
    event = make_event(organiser_org, capacity=5)
    holder = service.do_register(event=event, user=make_user(), organisation=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_reminders(now=event.starts_at - timedelta(days=1)) == 1
    (reminder,) = mail.outbox
    link = re.search(r"http://127\.0\.0\.1:8101(/events/cancel/\S+/)", reminder.body)
    assert link is not None, reminder.body
    assert ":8000" not in reminder.body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link.group(1))
    holder.refresh_from_db()
    assert holder.status == Status.CANCELLED


def test_mails_and_the_cancel_page_greet_the_participant_by_public_name(
    client, event, django_capture_on_commit_callbacks
):
    japanese = make_user(display_name="佐藤 美穂", preferred_language="ja")
    english = make_user(display_name="Emma Clarke", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        registration = service.do_register(event=event, user=japanese, organisation=None)
        service.do_register(event=event, user=english, organisation=None)
    ja_mail, en_mail = mail.outbox
    assert ja_mail.body.startswith("佐藤 美穂 さん")
    assert en_mail.body.startswith("Hello Emma Clarke,")
    page = client.get(cancel_link(ja_mail.body), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "佐藤 美穂" in page and "参加者 さん" not in page
    assert registration.public_name == "佐藤 美穂"
