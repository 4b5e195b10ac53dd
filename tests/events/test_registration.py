from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.organisations.models import OrganisationKind
from events.models import AllocationMode, Question, Registration
from events.services import registration as service
from events.services.errors import MeetupFull, RegistrationRefused

from .conftest import login, make_event, make_org, make_user

Status = Registration.Status
pytestmark = pytest.mark.django_db


def register(event, user=None, **kwargs):
    user = user or make_user()
    return service.do_register(
        event=event, user=user, organisation=kwargs.pop("organisation", None), **kwargs
    )


def test_first_come_confirms_until_full_then_waitlists(event):
    first, second, third = register(event), register(event), register(event)
    assert [first.status, second.status, third.status] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
    ]


def test_registration_outside_the_window_is_refused_with_the_dates(organiser_org):
    now = timezone.now()
    early = make_event(organiser_org, registration_opens_at=now + timedelta(days=1))
    late = make_event(
        organiser_org,
        registration_opens_at=now - timedelta(days=3),
        registration_closes_at=now - timedelta(days=1),
    )
    with pytest.raises(RegistrationRefused, match="Registration opens on") as opens:
        register(early)
    with pytest.raises(RegistrationRefused, match="Registration closed on") as closed:
        register(late)
    assert (opens.value.code, closed.value.code) == ("not_open_yet", "closed")
    assert Registration.objects.count() == 0


def test_registering_twice_is_refused_and_keeps_one_registration(event):
    user = make_user()
    register(event, user)
    with pytest.raises(RegistrationRefused, match="already registered") as refused:
        register(event, user)
    assert refused.value.code == "already_registered"
    assert Registration.objects.filter(event=event, user=user).count() == 1


def test_a_full_meetup_is_refused_and_nothing_is_saved(event):
    register(event, wants_meetup=True)
    user = make_user()
    with pytest.raises(MeetupFull, match="meetup is full"):
        register(event, user, wants_meetup=True)
    assert not Registration.objects.filter(user=user).exists()
    assert register(event, user, wants_meetup=False).status == Status.CONFIRMED


def test_anonymous_visitor_is_sent_to_login_with_a_message(client, event):
    response = client.get(reverse("events:register", args=[event.pk]), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert "Please log in to register for this event." in response.content.decode()


def test_draft_events_cannot_be_registered_for(organiser_org):
    draft = make_event(organiser_org, is_published=False)
    with pytest.raises(RegistrationRefused, match="not open"):
        register(draft)


def test_register_view_shows_the_full_meetup_message_and_keeps_the_answers(client, event):
    Question.objects.create(event=event, text="What would you like to discuss?", kind="short_text")
    register(event, wants_meetup=True)
    user = make_user()
    login(client, user)
    question = event.questions.get()
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"wants_meetup": "on", f"question_{question.pk}": "PUF-based device identity"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The meetup is full" in page
    assert "PUF-based device identity" in page
    assert not Registration.objects.filter(user=user).exists()


def test_register_view_records_answers_and_organisation(client, event):
    org = make_org(OrganisationKind.VENDOR)
    user = make_user(org)
    event.questions.create(text="Your role?", kind="choice", choices="CISO\nEngineer", required=True)
    login(client, user)
    question = event.questions.get()
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {f"question_{question.pk}": "Engineer", "interest_components": ["data", "things"]},
    )
    registration = Registration.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:registration", args=[registration.pk])
    assert registration.organisation == org
    assert registration.answers.get().value == "Engineer"
    assert registration.interest_components == ["data", "things"]


def test_a_required_answer_is_enforced_by_the_service(event):
    event.questions.create(text="Company size?", required=True)
    with pytest.raises(RegistrationRefused, match="Please answer"):
        register(event)


def test_registering_for_an_organisation_you_do_not_belong_to_is_refused(event):
    with pytest.raises(RegistrationRefused, match="organisation you belong to"):
        register(event, organisation=make_org())


def test_cancelling_gives_the_seat_to_the_first_on_the_waitlist(event, django_capture_on_commit_callbacks):
    holder, _other_holder = register(event), register(event)
    first_waiting, second_waiting = register(event), register(event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.do_cancel_registration(holder, by=holder.user)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Status.OFFERED
    assert first_waiting.offer_expires_at is not None
    assert second_waiting.status == Status.WAITLISTED
    assert AuditLogEntry.objects.filter(action="events.registration.promoted").count() == 1
    recipients = {m.to[0]: m.subject for m in mail.outbox}
    assert "please confirm" in recipients[first_waiting.user.email]
    assert "cancelled" in recipients[holder.user.email].lower()


def test_a_cancelled_person_may_register_again_and_gets_a_new_secret(event):
    user = make_user()
    first = register(event, user)
    old_secret = first.secret
    service.do_cancel_registration(first, by=user)
    again = register(event, user)
    assert again.pk == first.pk
    assert again.status == Status.CONFIRMED
    assert again.secret != old_secret


def test_cancelling_twice_says_it_is_already_cancelled(event):
    registration = register(event)
    service.do_cancel_registration(registration, by=registration.user)
    with pytest.raises(RegistrationRefused, match="already cancelled"):
        service.do_cancel_registration(registration, by=registration.user)


def test_per_organisation_limit_waitlists_extra_colleagues_in_first_come(organiser_org):
    event = make_event(organiser_org, capacity=5, per_organisation_limit=2)
    org = make_org()
    statuses = [register(event, make_user(org), organisation=org).status for _ in range(3)]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert register(event).status == Status.CONFIRMED


def test_approval_mode_holds_applications_until_the_organiser_decides(organiser_org, organiser):
    event = make_event(organiser_org, capacity=1, allocation=AllocationMode.APPROVAL)
    sme = make_org(is_sme=True)
    first = register(event, make_user(sme), organisation=sme)
    second = register(event)
    assert first.status == second.status == Status.APPLIED
    assert service.do_approve_application(first, by=organiser).status == Status.CONFIRMED
    assert service.do_approve_application(second, by=organiser).status == Status.WAITLISTED
    third = register(event)
    declined = service.do_decline_application(third, by=organiser)
    assert (declined.status, declined.status_reason) == (Status.DECLINED, "not_approved")


def test_invited_guest_takes_a_seat_but_never_more_than_capacity(event, organiser):
    guest = service.do_invite_guest(event, user=make_user(), by=organiser, wants_meetup=True)
    assert guest.status == Status.CONFIRMED and guest.is_invited_guest and guest.has_meetup_seat
    register(event)
    with pytest.raises(Exception, match="No seat is left for a guest"):
        service.do_invite_guest(event, user=make_user(), by=organiser)


def test_registration_confirmed_signal_is_sent_after_commit(event, django_capture_on_commit_callbacks):
    from events.signals import registration_cancelled, registration_confirmed

    received = []

    def on_confirmed(sender, registration, **kwargs):
        received.append(("confirmed", registration.pk))

    def on_cancelled(sender, registration, **kwargs):
        received.append(("cancelled", registration.pk))

    registration_confirmed.connect(on_confirmed)
    registration_cancelled.connect(on_cancelled)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            registration = register(event)
        assert received == []  # nothing before commit
        for callback in callbacks:
            callback()
        with django_capture_on_commit_callbacks(execute=True):
            service.do_cancel_registration(registration, by=registration.user)
    finally:
        registration_confirmed.disconnect(on_confirmed)
        registration_cancelled.disconnect(on_cancelled)
    assert received == [("confirmed", registration.pk), ("cancelled", registration.pk)]


def test_participant_cancels_from_their_page(client, event):
    registration = register(event)
    login(client, registration.user)
    response = client.post(reverse("events:registration_cancel", args=[registration.pk]), follow=True)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert "Your registration is cancelled" in response.content.decode()


def test_someone_elses_registration_is_not_found(client, event):
    registration = register(event)
    login(client, make_user())
    assert client.get(reverse("events:registration", args=[registration.pk])).status_code == 404
    assert client.post(reverse("events:registration_cancel", args=[registration.pk])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_attendee_list_shows_only_people_who_opted_in(client, event):
    listed = register(event, make_user(display_name="Listed Person"), listed_publicly=True)
    register(event, make_user(display_name="Private Person"))
    login(client, listed.user)
    page = client.get(reverse("events:attendees", args=[event.pk])).content.decode()
    assert "Listed Person" in page
    assert "Private Person" not in page
    login(client, make_user())
    assert client.get(reverse("events:attendees", args=[event.pk])).status_code == 404
