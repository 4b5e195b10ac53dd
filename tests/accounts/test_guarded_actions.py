"""The actions other people rely on need a second factor (and the most sensitive a recent sign-in); a person
without one is led to set it up and then finishes what they started, with nothing they typed lost.

The guard is the core's (``cpsplatform.accounts.mfa``); these tests drive it through the apps' real views.
"""

import time

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.choices import RecordStatus
from tests.events.conftest import make_event
from tests.factories import (
    DEFAULT_PASSWORD,
    give_totp,
    login,
    make_member,
    make_organisation,
    make_user,
    totp_code,
)
from tests.marketplace.factories import make_listing, make_record

TWENTY_MINUTES_AGO = time.time() - 20 * 60


@pytest.fixture
def claim(security_categories):
    verifier = make_organisation(kind="verification_body")
    record = make_record(make_listing(make_organisation(kind="vendor")), verifier)
    return verifier, record


@pytest.mark.django_db(transaction=True)
def test_verifier_without_second_factor_is_led_to_set_up_and_then_the_decision_goes_through(claim):
    """transaction=True: allauth announces a new factor after commit, as in production."""
    verifier, record = claim
    user = make_member(verifier).user
    client = login(Client(), user)
    decide = reverse("marketplace:verification_decide", args=[record.pk])
    typed = {"action": "confirm", "reason": "Lab report 2026-117 checked", "expires_on": ""}

    response = client.post(decide, typed)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    record.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED
    assert (
        "What you typed is kept"
        in client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )

    # Set-up: confirm the password, scan the code, type what the app shows.
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert reverse("accounts:second_factor") in client.get(response["Location"]).content.decode()

    response = client.post(reverse("accounts:second_factor"))

    assert response.status_code == 302
    assert response["Location"] == reverse("marketplace:verification_queue")
    record.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED


@pytest.mark.django_db
def test_outsiders_are_not_sent_to_second_factor_set_up(claim):
    """The permission check comes first: a stranger's decision is a 404, as before."""
    _verifier, record = claim
    client = login(Client(), make_user())
    response = client.post(
        reverse("marketplace:verification_decide", args=[record.pk]), {"action": "confirm"}
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_verifier_who_has_a_factor_but_signed_in_without_it_confirms_it_first(claim):
    verifier, record = claim
    user = make_member(verifier).user
    client = login(Client(), user)  # signed in before the factor existed
    secret = give_totp(user)
    decide = reverse("marketplace:verification_decide", args=[record.pk])

    response = client.post(decide, {"action": "confirm"})

    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(response["Location"], {"code": totp_code(secret)})
    record.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED


@pytest.mark.django_db
def test_revoking_needs_a_sign_in_within_fifteen_minutes(claim):
    verifier, record = claim
    record.status = RecordStatus.CONFIRMED
    record.save(update_fields=["status"])
    user = make_member(verifier).user
    secret = give_totp(user)
    client = login(Client(), user, authenticated_at=TWENTY_MINUTES_AGO)
    decide = reverse("marketplace:verification_decide", args=[record.pk])

    response = client.post(decide, {"action": "revoke", "reason": "The certificate was withdrawn"})

    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    record.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED
    response = client.post(response["Location"], {"code": totp_code(secret)})
    record.refresh_from_db()
    assert record.status == RecordStatus.REVOKED


@pytest.mark.django_db
def test_making_someone_owner_needs_a_recent_sign_in():
    owner = make_user()
    organisation = make_organisation(owner=owner)
    colleague = make_member(organisation, role="member")
    client = login(Client(), owner, authenticated_at=TWENTY_MINUTES_AGO)
    url = reverse("organisations:change_role", args=[organisation.slug, colleague.pk])

    response = client.post(url, {"role": "owner"})

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    colleague.refresh_from_db()
    assert colleague.role == "member"
    client.post(response["Location"], {"password": DEFAULT_PASSWORD})
    colleague.refresh_from_db()
    assert colleague.role == "owner"


@pytest.mark.django_db
def test_organisers_need_a_second_factor_and_a_recent_sign_in_to_export_attendees():
    organiser_org = make_organisation(kind="event_organiser")
    organiser = make_member(organiser_org, role="admin").user
    event = make_event(organiser_org)
    export = reverse("events:export_csv", args=[event.pk])

    response = login(Client(), organiser).get(export)
    assert response["Location"].startswith(reverse("accounts:second_factor"))

    give_totp(organiser)
    response = login(Client(), organiser, authenticated_at=TWENTY_MINUTES_AGO).get(export)
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))

    response = login(Client(), organiser).get(export)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.django_db
def test_an_organiser_without_second_factor_keeps_the_message_to_all_participants():
    organiser_org = make_organisation(kind="event_organiser")
    organiser = make_member(organiser_org, role="admin").user
    event = make_event(organiser_org)
    client = login(Client(), organiser)
    url = reverse("events:email_participants", args=[event.pk])

    assert client.get(url).status_code == 200  # reading the form needs nothing more
    response = client.post(url, {"subject": "Room change", "body": "We meet in room 3B."})

    assert response["Location"].startswith(reverse("accounts:second_factor"))
    pending = client.session["accounts_second_factor_pending"]
    assert pending["path"] == url
    assert "We+meet+in+room+3B." in pending["post"]
