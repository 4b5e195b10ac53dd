"""Registration changes show in the participant's notification centre (the mail is the events app's own, with
its cancel link, and still goes exactly once)."""

import pytest
from django.core import mail
from django.urls import reverse

from cpsplatform.notifications.models import EmailStatus, Notification
from events.models import Registration
from events.services import registration as service

from .conftest import make_event, make_user

Status = Registration.Status
pytestmark = pytest.mark.django_db


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


def register(event, user=None):
    return service.do_register(event=event, user=user or make_user(), organisation=None)


def test_confirmed_waitlisted_promoted_and_cancelled_are_notified(
    organiser_org, django_capture_on_commit_callbacks
):
    event = make_event(organiser_org, capacity=1, offer_hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        holder = register(event)
        waiting = register(event)
    assert holder.status == Status.CONFIRMED and waiting.status == Status.WAITLISTED
    assert kinds_of(holder.user) == ["events.registration_confirmed"]
    assert kinds_of(waiting.user) == ["events.registration_waitlisted"]
    mails_before = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        service.do_cancel_registration(holder, by=holder.user)
    assert kinds_of(holder.user)[-1] == "events.registration_cancelled"
    assert kinds_of(waiting.user)[-1] == "events.registration_promoted"
    promoted = Notification.objects.filter(recipient=waiting.user).last()
    assert promoted.url == reverse("events:registration", args=[waiting.pk])
    assert event.title in promoted.text
    # One mail per change, the events app's own: the notification centre adds none.
    assert len(mail.outbox) == mails_before + 2
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.NONE}
