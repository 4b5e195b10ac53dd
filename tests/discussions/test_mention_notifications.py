"""A mention shows in the notification centre, and is e-mailed at most once: by the away-digest when the person
wants mail at once, by the daily digest when they chose it, or not at all."""

from datetime import timedelta

import pytest
from django.core import mail

from cpsplatform.discussions import messaging, services
from cpsplatform.discussions.digests import do_send_mention_digests
from cpsplatform.discussions.models import ChannelKind
from cpsplatform.discussions.notification_kinds import MENTION
from cpsplatform.notifications import services as notification_services
from cpsplatform.notifications.kinds import EmailChoice
from cpsplatform.notifications.models import Notification
from cpsplatform.organisations.models import OrganisationKind

from .conftest import make_org, make_person

pytestmark = pytest.mark.django_db


def mention(author, person, django_capture_on_commit_callbacks):
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="OT", created_by=author)
    with django_capture_on_commit_callbacks(execute=True):
        messaging.do_send_message(channel, author, body=f"@**{person.display_name}** 見てください", topic="t")
    return channel


@pytest.fixture
def pair(db):
    org = make_org(OrganisationKind.USER_COMPANY)
    return make_person(org, display_name="Aiko"), make_person(
        org, display_name="Ken", preferred_language="en"
    )


def test_mention_shows_in_the_notification_centre_without_an_immediate_mail(
    pair, django_capture_on_commit_callbacks
):
    aiko, ken = pair
    channel = mention(aiko, ken, django_capture_on_commit_callbacks)
    [notification] = Notification.objects.filter(kind=MENTION)
    assert notification.recipient == ken and notification.actor == aiko
    assert notification.url == f"/discussions/c/{channel.slug}/"
    assert "見てください" in notification.summary
    assert mail.outbox == []  # the away-digest decides later whether a mail is needed


def test_mention_mail_goes_once_by_the_away_digest(pair, django_capture_on_commit_callbacks):
    aiko, ken = pair
    mention(aiko, ken, django_capture_on_commit_callbacks)
    assert do_send_mention_digests(delay=timedelta(0)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_services.do_send_digests() == 0
    assert len(mail.outbox) == 1
    assert "/notifications/unsubscribe/" in mail.outbox[0].body


def test_daily_choice_moves_the_mention_to_the_daily_digest(pair, django_capture_on_commit_callbacks):
    aiko, ken = pair
    notification_services.do_set_email_choice(ken, MENTION, EmailChoice.DAILY)
    mention(aiko, ken, django_capture_on_commit_callbacks)
    assert do_send_mention_digests(delay=timedelta(0)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_services.do_send_digests() == 1
    assert len(mail.outbox) == 1
    assert "Aiko mentioned you in OT." in mail.outbox[0].body


def test_no_email_choice_sends_no_mention_mail(pair, django_capture_on_commit_callbacks):
    aiko, ken = pair
    notification_services.do_set_email_choice(ken, MENTION, EmailChoice.OFF)
    mention(aiko, ken, django_capture_on_commit_callbacks)
    assert do_send_mention_digests(delay=timedelta(0)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_services.do_send_digests() == 0
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=ken, kind=MENTION).count() == 1
