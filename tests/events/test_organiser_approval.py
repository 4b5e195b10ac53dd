"""Event organisers act in public only once platform staff approved the organisation: a self-registered organiser
may prepare drafts, but publishes nothing and opens no registration until then."""

import pytest
from django.urls import reverse

from cpsplatform.organisations import services as organisation_services
from cpsplatform.organisations.models import OrganisationKind
from events.models import Event
from events.permissions import visible_events
from events.services import organising
from events.services import registration as registration_service
from events.services.errors import OrganiserActionRefused, RegistrationRefused

from .conftest import login, make_event, make_org, make_user
from .test_organiser import event_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def unapproved_org(db):
    return make_org(OrganisationKind.EVENT_ORGANISER, confirmed_by_staff=False)


@pytest.fixture
def unapproved_organiser(unapproved_org):
    return make_user(unapproved_org, role="owner")


def test_unapproved_organiser_cannot_publish_a_new_event(client, unapproved_org, unapproved_organiser):
    login(client, unapproved_organiser)
    response = client.post(reverse("events:event_create"), event_form_data(unapproved_org))
    assert response.status_code == 400
    assert "awaits approval by platform staff" in response.content.decode()
    assert not Event.objects.exists()


def test_unapproved_organiser_may_save_a_draft_but_not_publish_it(
    client, unapproved_org, unapproved_organiser
):
    login(client, unapproved_organiser)
    data = event_form_data(unapproved_org)
    del data["is_published"]
    assert client.post(reverse("events:event_create"), data).status_code == 302
    event = Event.objects.get()
    assert not event.is_published

    event.is_published = True
    with pytest.raises(OrganiserActionRefused):
        organising.do_update_event(event, by=unapproved_organiser, fields=["is_published"])
    event.refresh_from_db()
    assert not event.is_published


def test_event_of_an_organiser_that_lost_approval_is_not_public_nor_open(unapproved_org):
    event = make_event(unapproved_org, is_published=True)
    assert event not in visible_events(make_user())
    assert client_status(event) == 404
    with pytest.raises(RegistrationRefused):
        registration_service.check_can_register(event, make_user(), now=event.registration_opens_at)


def client_status(event) -> int:
    from django.test import Client

    return Client().get(reverse("events:detail", args=[event.pk])).status_code


def test_approved_organiser_publishes(organiser, organiser_org):
    event = make_event(organiser_org, is_published=False)
    event.is_published = True
    organising.do_update_event(event, by=organiser, fields=["is_published"])
    event.refresh_from_db()
    assert event.is_published and event in visible_events(make_user())


def test_staff_approval_lets_the_drafts_be_published(unapproved_org, unapproved_organiser):
    event = make_event(unapproved_org, is_published=False)
    organisation_services.do_set_confirmed_by_staff(make_user(is_staff=True), unapproved_org, True)
    event.refresh_from_db()
    event.is_published = True
    organising.do_update_event(event, by=unapproved_organiser, fields=["is_published"])
    event.refresh_from_db()
    assert event.is_published


def test_organiser_index_tells_an_unapproved_organiser_it_awaits_approval(client, unapproved_organiser):
    login(client, unapproved_organiser)
    page = client.get(reverse("events:organiser_index")).content.decode()
    assert 'data-testid="awaiting-approval"' in page
