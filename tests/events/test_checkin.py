import io
from datetime import timedelta

import pytest
import qrcode
from django.urls import reverse
from PIL import Image

from events.models import Registration
from events.services import checkin
from events.services import registration as service
from events.services.errors import AlreadyCheckedIn, CheckInRefused
from events.tokens import checkin_code

from .conftest import login, make_event, make_user

Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(event):
    return service.do_register(event=event, user=make_user(display_name="Hanako Sato"), organisation=None)


def test_a_valid_code_checks_in_and_a_second_scan_says_already_checked_in(event, confirmed, organiser):
    code = checkin_code(confirmed)
    admitted = checkin.do_check_in_by_code(event, code, by=organiser)
    assert admitted.status == Status.CHECKED_IN
    assert admitted.checked_in_by == organiser
    with pytest.raises(AlreadyCheckedIn, match="Hanako Sato is already checked in"):
        checkin.do_check_in_by_code(event, code, by=organiser)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),
        lambda code: code.replace(".", ".9", 1),
        lambda code: "1.1.secret:forged-signature",
        lambda code: "",
    ],
)
def test_a_tampered_code_is_refused(event, confirmed, organiser, tamper):
    with pytest.raises(CheckInRefused, match="altered or mistyped") as refused:
        checkin.do_check_in_by_code(event, tamper(checkin_code(confirmed)), by=organiser)
    assert refused.value.code == "bad_code"
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CONFIRMED


def test_a_code_for_another_event_is_refused(event, confirmed, organiser, organiser_org):
    other = make_event(organiser_org)
    with pytest.raises(CheckInRefused, match="different event"):
        checkin.do_check_in_by_code(other, checkin_code(confirmed), by=organiser)


def test_a_code_from_an_earlier_registration_is_refused_after_re_registering(event, confirmed, organiser):
    old_code = checkin_code(confirmed)
    service.do_cancel_registration(confirmed, by=confirmed.user)
    renewed = service.do_register(event=event, user=confirmed.user, organisation=None)
    with pytest.raises(CheckInRefused, match="earlier registration") as refused:
        checkin.do_check_in_by_code(event, old_code, by=organiser)
    assert refused.value.code == "stale_code"
    assert checkin.do_check_in_by_code(event, checkin_code(renewed), by=organiser).status == Status.CHECKED_IN


def test_the_code_of_a_cancelled_or_waitlisted_registration_is_refused(event, organiser):
    registrations = [service.do_register(event=event, user=make_user(), organisation=None) for _ in range(3)]
    waitlisted = registrations[2]
    assert waitlisted.status == Status.WAITLISTED
    with pytest.raises(CheckInRefused, match="no confirmed seat"):
        checkin.do_check_in_by_code(event, checkin_code(waitlisted), by=organiser)
    cancelled = registrations[0]
    code = checkin_code(cancelled)
    service.do_cancel_registration(cancelled, by=cancelled.user)
    with pytest.raises(CheckInRefused, match="was cancelled"):
        checkin.do_check_in_by_code(event, code, by=organiser)


def test_the_qr_image_encodes_the_door_url_with_the_code(client, event, confirmed):
    login(client, confirmed.user)
    response = client.get(reverse("events:registration_qr", args=[confirmed.pk]))
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size[0] == image.size[1] > 100
    expected = f"http://testserver{reverse('events:checkin', args=[event.pk])}?code={checkin_code(confirmed)}"
    assert response.content == checkin.qr_png(expected)
    assert qrcode.make(expected)  # the data fits a QR code


def test_door_page_checks_in_a_scanned_code_and_refuses_the_second_scan(client, event, confirmed, organiser):
    login(client, organiser)
    code = checkin_code(confirmed)
    url = reverse("events:checkin", args=[event.pk])
    preview = client.get(url, {"code": code}).content.decode()
    assert "Hanako Sato" in preview
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CONFIRMED  # opening the scanned link changes nothing
    first = client.post(url, {"code": code}, follow=True)
    assert "Welcome, Hanako Sato" in first.content.decode()
    second = client.post(url, {"code": code})
    assert second.status_code == 409
    assert "already checked in" in second.content.decode()
    tampered = client.post(url, {"code": code + "x"})
    assert tampered.status_code == 400
    assert "altered or mistyped" in tampered.content.decode()


def test_door_search_by_name_checks_in(client, event, confirmed, organiser):
    login(client, organiser)
    page = client.get(reverse("events:checkin", args=[event.pk]), {"q": "hanako"}).content.decode()
    assert "Hanako Sato" in page
    client.post(reverse("events:checkin_registration", args=[event.pk, confirmed.pk]), {"q": "hanako"})
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CHECKED_IN


def test_no_shows_are_recorded_once_the_event_has_started(event, confirmed, organiser):
    with pytest.raises(Exception, match="once the event has started"):
        checkin.do_record_no_shows(event, by=organiser)
    assert checkin.do_record_no_shows(event, by=organiser, now=event.starts_at + timedelta(hours=1)) == 1
    confirmed.refresh_from_db()
    assert confirmed.status == Status.NO_SHOW
    late = checkin.do_check_in(confirmed, by=organiser, now=event.starts_at + timedelta(hours=2))
    assert late.status == Status.CHECKED_IN


def test_the_tick_records_no_shows_after_an_event_that_used_check_in(event, organiser):
    from events.services.tick import do_tick

    present, absent = (
        service.do_register(event=event, user=make_user(), organisation=None) for _ in range(2)
    )
    checkin.do_check_in(present, by=organiser)
    report = do_tick(now=event.ends_at + timedelta(hours=13))
    assert report.events_closed == 1
    absent.refresh_from_db()
    assert absent.status == Status.NO_SHOW
    assert do_tick(now=event.ends_at + timedelta(hours=14)).events_closed == 0
