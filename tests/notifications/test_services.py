"""The notification service: who is notified, when e-mail goes, the digest, reading, preferences and unsubscribe."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cpsplatform.notifications import selectors, services
from cpsplatform.notifications.kinds import EmailChoice, bilingual
from cpsplatform.notifications.mail import unsubscribe_token
from cpsplatform.notifications.models import EmailStatus, Notification, NotificationPreference
from tests.factories import client_for, make_user

from .conftest import PING, PING_DAILY

pytestmark = pytest.mark.django_db


def ping(recipients, *, actor=None, **extra):
    return services.notify(
        recipients, PING, params={"who": "Aiko", "what": "the PLC"}, url="/events/", actor=actor, **extra
    )


def test_notification_is_mailed_at_once_only_after_commit(django_capture_on_commit_callbacks):
    user = make_user(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = ping([user])
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert notification.email_status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [[user.email]]
    message = mail.outbox[0]
    assert message.subject == "Aiko pinged you about the PLC."
    assert "http://" in message.body and "/events/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token_url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user.pk, PING)})
    assert token_url in message.extra_headers["List-Unsubscribe"]
    assert token_url in message.body


def test_mail_links_start_with_site_url(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://cps.example.org:8443"
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        ping([user])
    assert "https://cps.example.org:8443/events/" in mail.outbox[0].body


def test_nothing_is_sent_for_a_change_that_rolled_back(django_capture_on_commit_callbacks):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ping([user])
    assert mail.outbox == [] and len(callbacks) == 2  # the mail and the live update wait for the commit


def test_the_person_who_acted_is_not_notified_of_their_own_action():
    actor, other = make_user(), make_user()
    created = ping([actor, other], actor=actor)
    assert [n.recipient for n in created] == [other]
    assert created[0].actor == actor


def test_inactive_accounts_are_not_notified():
    assert ping([make_user(is_active=False)]) == []


def test_text_is_rendered_in_the_readers_language():
    [notification] = ping([make_user()])
    with translation.override("en"):
        english = notification.text
    assert english == "Aiko pinged you about the PLC."


def test_no_email_choice_still_shows_the_notification_in_app(django_capture_on_commit_callbacks):
    user = make_user()
    services.do_set_email_choice(user, PING, EmailChoice.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = ping([user])
    assert mail.outbox == []
    assert notification.email_status == EmailStatus.NONE
    assert selectors.unread_count(user) == 1


def test_daily_choice_waits_for_the_digest_which_is_sent_once(django_capture_on_commit_callbacks):
    user = make_user(preferred_language="en")
    services.do_set_email_choice(user, PING, EmailChoice.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        ping([user])
        ping([user])
        services.notify([user], PING_DAILY, params={"who": "Ken"})  # daily by the kind's default
    assert mail.outbox == []
    assert Notification.objects.filter(email_status=EmailStatus.DIGEST).count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        assert services.do_send_digests() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.do_send_digests() == 0  # a second run (or a second machine) sends nothing again
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [user.email]
    assert "3 notifications" in digest.subject
    assert digest.body.count("Aiko pinged you about the PLC.") == 2 and "Ken pinged you." in digest.body
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_digest_leaves_out_what_was_read_meanwhile(django_capture_on_commit_callbacks):
    user = make_user()
    services.do_set_email_choice(user, PING, EmailChoice.DAILY)
    [read] = ping([user])
    services.do_mark_read(read, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.do_send_digests() == 0
    assert mail.outbox == []
    read.refresh_from_db()
    assert read.email_status == EmailStatus.SENT  # handled: never mailed later either


def test_dedupe_key_notifies_each_person_once():
    user = make_user()
    assert len(ping([user], dedupe_key="record:1:2027-01-01")) == 1
    assert ping([user], dedupe_key="record:1:2027-01-01") == []
    assert len(ping([user], dedupe_key="record:1:2028-01-01")) == 1


def test_unknown_kind_is_refused():
    with pytest.raises(LookupError):
        services.notify([make_user()], "nobody.registered_this")


def test_mark_read_and_mark_all_read_change_the_unread_count():
    user = make_user()
    first, *_ = [ping([user])[0] for _ in range(3)]
    assert selectors.unread_count(user) == 3
    services.do_mark_read(first, user=user)
    assert selectors.unread_count(user) == 2
    assert services.do_mark_all_read(user) == 2
    assert selectors.unread_count(user) == 0


def test_someone_else_cannot_mark_my_notification_read():
    owner, other = make_user(), make_user()
    [notification] = ping([owner])
    response = client_for(other).post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link():
    user = make_user()
    [notification] = ping([user])
    response = client_for(user).get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/events/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_never_redirects_off_site():
    user = make_user()
    [notification] = services.notify(
        [user], PING, params={"who": "x", "what": "y"}, url="https://evil.example/"
    )
    response = client_for(user).get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == "/notifications/"


def test_list_page_shows_my_notifications_newest_first_paginated():
    user, other = make_user(), make_user()
    for n in range(25):
        services.notify([user], PING, params={"who": f"Sender{n:02d}", "what": "x"})
    ping([other])
    client = client_for(user)
    client.cookies["django_language"] = "en"
    first = client.get(reverse("notifications:list")).content.decode()
    assert "Sender24" in first and "Sender05" in first and "Sender04" not in first
    second = client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "Sender04" in second and "Sender00" in second
    assert client.get(reverse("notifications:list") + "?page=abc").status_code == 200


def test_list_page_needs_login():
    response = Client().get(reverse("notifications:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_mark_all_read_from_the_list_page():
    user = make_user()
    ping([user])
    ping([user])
    response = client_for(user).post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert selectors.unread_count(user) == 0


def test_preferences_page_saves_a_choice_per_kind():
    user = make_user()
    response = client_for(user).post(reverse("notifications:preferences"), {f"email-{PING}": "daily"})
    assert response.status_code == 302
    assert selectors.email_choice(user, PING) == EmailChoice.DAILY
    assert selectors.email_choice(user, PING_DAILY) == EmailChoice.DAILY  # untouched default


def test_preferences_page_refuses_an_unknown_choice_and_keeps_the_old_one():
    user = make_user()
    response = client_for(user).post(reverse("notifications:preferences"), {f"email-{PING}": "hourly"})
    assert response.status_code == 400
    assert selectors.email_choice(user, PING) == EmailChoice.IMMEDIATELY
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_link_asks_first_and_works_without_login():
    user = make_user()
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user.pk, PING)})
    page = Client().get(url)
    assert page.status_code == 200 and b"<form" in page.content
    assert (
        selectors.email_choice(user, PING) == EmailChoice.IMMEDIATELY
    )  # a GET (a mail scanner) changes nothing
    done = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert selectors.email_choice(user, PING) == EmailChoice.OFF
    assert selectors.email_choice(user, PING_DAILY) == EmailChoice.DAILY  # only that kind


def test_a_forged_unsubscribe_token_is_refused_with_a_reason():
    user = make_user()
    token = unsubscribe_token(user.pk, PING)
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.post(reverse("notifications:unsubscribe", kwargs={"token": token[:-2] + "xx"}))
    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.content.decode()
    assert selectors.email_choice(user, PING) == EmailChoice.IMMEDIATELY


def test_names_given_in_both_languages_follow_the_reader():
    [notification] = services.notify(
        [make_user()], PING, params={"who": "Aiko", "what": bilingual("制御盤", "the control panel")}
    )
    with translation.override("en"):
        assert notification.text == "Aiko pinged you about the control panel."
    with translation.override("ja"):
        assert "制御盤" in notification.text


@pytest.mark.parametrize("next_url", ["1", "//evil.example/", "https://evil.example/", "javascript:alert(1)"])
def test_mark_read_returns_only_to_a_path_on_this_site(next_url):
    user = make_user()
    [notification] = ping([user])
    response = client_for(user).post(
        reverse("notifications:mark_read", args=[notification.pk]), {"next": next_url}
    )
    assert response.status_code == 302 and response["Location"] == reverse("notifications:list")
