import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from events.models import Event, Material, Registration
from events.selectors import event_figures
from events.services import checkin
from events.services import registration as service

from .conftest import login, make_event, make_org, make_user, make_users

Status = Registration.Status
pytestmark = pytest.mark.django_db


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def event_form_data(organiser_org, **overrides):
    start = timezone.now() + timedelta(days=20)
    data = {
        "organiser": organiser_org.pk,
        "number": 4,
        "title_ja": "中小企業のセキュリティ対策",
        "title_en": "Security for SMEs",
        "theme": "SME security",
        "starts_at": local(start),
        "ends_at": local(start + timedelta(hours=3)),
        "venue": "IPA 13F",
        "capacity": 120,
        "registration_opens_at": local(timezone.now() - timedelta(hours=1)),
        "registration_closes_at": local(start - timedelta(days=1)),
        "allocation": "first_come",
        "lottery_seed": "a1b2c3",
        "new_member_weight": "2",
        "offer_hours": 48,
        "is_published": "on",
        "meetup-has_meetup": "on",
        "meetup-capacity": 60,
        "meetup-starts_at": local(start + timedelta(hours=3)),
        "meetup-ends_at": local(start + timedelta(hours=5)),
        "meetup-fee_note": "¥3,000",
    }
    data.update(overrides)
    return data


def test_organiser_creates_an_event_with_a_meetup(
    client, organiser, organiser_org, django_capture_on_commit_callbacks
):
    from events.signals import event_created

    created = []
    event_created.connect(lambda sender, event, **kw: created.append(event.pk), weak=False, dispatch_uid="t1")
    login(client, organiser)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("events:event_create"), event_form_data(organiser_org))
    finally:
        event_created.disconnect(dispatch_uid="t1")
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:dashboard", args=[event.pk])
    assert (event.organiser, event.capacity, event.meetup.capacity) == (organiser_org, 120, 60)
    assert created == [event.pk]
    assert AuditLogEntry.objects.filter(action="events.event.created").count() == 1


def test_event_form_errors_keep_what_was_typed(client, organiser, organiser_org):
    login(client, organiser)
    data = event_form_data(
        organiser_org, ends_at=event_form_data(organiser_org)["starts_at"], allocation="lottery"
    )
    response = client.post(reverse("events:event_create"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "The event must end after it starts." in page
    assert "A lottery needs a published draw time." in page
    assert "中小企業のセキュリティ対策" in page
    assert not Event.objects.exists()


def test_people_outside_event_organiser_organisations_cannot_create_or_see_dashboards(client, event):
    vendor_member = make_user(make_org("vendor"))
    login(client, vendor_member)
    explanation = client.get(reverse("events:event_create"))
    assert "Sessions are run by members of an event-organiser organisation" in explanation.content.decode()
    assert client.post(reverse("events:event_create"), {"number": 1}).status_code == 403
    assert list(Event.objects.all()) == [event]
    assert client.get(reverse("events:dashboard", args=[event.pk])).status_code == 404
    other_organiser = make_user(make_org("event_organiser"))
    login(client, other_organiser)
    assert client.get(reverse("events:dashboard", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:export_csv", args=[event.pk])).status_code == 404


def test_dashboard_shows_the_figures_an_organiser_reports(client, organiser, organiser_org):
    event = make_event(organiser_org, capacity=4, meetup_capacity=2)
    people = [
        service.do_register(event=event, user=make_user(), organisation=None, wants_meetup=i < 2)
        for i in range(6)
    ]
    service.do_cancel_registration(people[3], by=people[3].user)  # people[4] is offered the seat
    checkin.do_check_in(people[0], by=organiser)
    figures = event_figures(event)
    assert (figures.applications, figures.confirmed, figures.checked_in, figures.offered) == (6, 2, 1, 1)
    assert (figures.waitlisted, figures.cancelled, figures.registered, figures.meetup) == (1, 1, 3, 2)
    assert figures.summary == "3 registered (2 at the meetup)"
    login(client, organiser)
    page = client.get(reverse("events:dashboard", args=[event.pk])).content.decode()
    assert "3 registered (2 at the meetup)" in page
    assert 'data-figure="checked_in">1<' in page


def test_dashboard_pages_a_long_registration_list_and_keeps_the_filter(client, organiser, organiser_org):
    """A session with hundreds of applicants opens quickly: 50 rows a page, the filter carried to the next page."""
    event = make_event(organiser_org, capacity=80)
    for user in make_users(60):
        service.do_register(event=event, user=user, organisation=None)
    login(client, organiser)
    url = reverse("events:dashboard", args=[event.pk])

    first = client.get(url, {"status": "confirmed"}).content.decode()
    second = client.get(url, {"status": "confirmed", "page": 2}).content.decode()

    assert first.count('class="badge status-confirmed"') == 50
    assert second.count('class="badge status-confirmed"') == 10
    assert "status=confirmed&amp;page=2" in first
    assert "Page 2 of 2" in second


def test_csv_export_has_every_registration_with_answers_and_defuses_formulas(client, organiser, event):
    question = event.questions.create(text="Topics?", kind="short_text")
    org = make_org(name_ja="株式会社テスト", is_sme=True)
    user = make_user(org, display_name="=HYPERLINK(1)")
    service.do_register(event=event, user=user, organisation=org, answers={question.pk: "サプライチェーン"})
    login(client, organiser)
    response = client.get(reverse("events:export_csv", args=[event.pk]))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Registration", "Status", "Name"] and rows[0][-1] == "Topics?"
    assert rows[1][1:3] == ["Confirmed", "'=HYPERLINK(1)"]
    assert rows[1][4:7] == ["株式会社テスト", "User company", "Yes"] and rows[1][-1] == "サプライチェーン"


def test_email_goes_to_confirmed_participants_only_with_a_cancel_link(
    client, organiser, event, django_capture_on_commit_callbacks
):
    confirmed = [service.do_register(event=event, user=make_user(), organisation=None) for _ in range(3)]
    waitlisted = confirmed.pop()
    login(client, organiser)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:email_participants", args=[event.pk]),
            {"subject": "Venue change", "body": "We moved to room 1301."},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in confirmed)
    assert waitlisted.user.email not in {m.to[0] for m in mail.outbox}
    assert all("We moved to room 1301." in m.body and "/events/cancel/" in m.body for m in mail.outbox)


def test_materials_are_private_to_organisers_and_participants(client, organiser, event, private_storage):
    participant = service.do_register(event=event, user=make_user(), organisation=None)
    login(client, organiser)
    upload = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides", content_type="application/pdf")
    response = client.post(reverse("events:materials", args=[event.pk]), {"title": "Slides", "file": upload})
    assert response.status_code == 302
    material = Material.objects.get()
    assert private_storage.exists(material.file.name)
    url = reverse("events:material_download", args=[material.pk])
    login(client, participant.user)
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 slides"
    assert "attachment" in download["Content-Disposition"]
    login(client, make_user())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_material_uploads_of_unsafe_types_are_refused(client, organiser, event, private_storage):
    login(client, organiser)
    upload = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("events:materials", args=[event.pk]), {"title": "x", "file": upload})
    assert response.status_code == 400
    assert "cannot be shared" in response.content.decode()
    assert not Material.objects.exists()


def test_organiser_approves_an_application_from_the_dashboard(client, organiser, organiser_org):
    event = make_event(organiser_org, allocation="approval", capacity=5)
    application = service.do_register(event=event, user=make_user(), organisation=None)
    login(client, organiser)
    client.post(reverse("events:application_decide", args=[application.pk]), {"action": "approve"})
    application.refresh_from_db()
    assert application.status == Status.CONFIRMED


def test_organiser_invites_a_guest_by_email(client, organiser, event):
    guest = make_user(email="minister@example.go.jp")
    login(client, organiser)
    client.post(reverse("events:invite_guest", args=[event.pk]), {"email": "Minister@example.go.jp"})
    registration = Registration.objects.get(user=guest)
    assert registration.is_invited_guest and registration.status == Status.CONFIRMED


def test_editing_keeps_capacity_above_seats_taken(client, organiser, organiser_org):
    event = make_event(organiser_org, capacity=3)
    for _ in range(3):
        service.do_register(event=event, user=make_user(), organisation=None)
    login(client, organiser)
    data = event_form_data(organiser_org, number=event.number, capacity=2, **{"meetup-has_meetup": ""})
    data.pop("organiser")
    response = client.post(reverse("events:event_edit", args=[event.pk]), data)
    assert response.status_code == 400
    assert "3 seats are taken already" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3
