"""Wagtail (``/cms/``) is the one staff admin: every staff list opens there, records only the services may write
are read-only, and the Django admin is gone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.audit.services import log_action
from cpsplatform.discussions import services as discussions
from cpsplatform.discussions.models import ChannelKind
from cpsplatform.organisations.models import Invitation
from tests.factories import login, make_member, make_organisation, make_staff, make_user

pytestmark = pytest.mark.django_db

STAFF_LISTS = [
    "audit_trail:index",
    "discussion_channels:index",
    "discussion_reports:index",
    "event_admin:index",
    "event_registrations:index",
    "event_meetings:index",
    "event_materials:index",
    "organisation_admin:index",
    "organisation_invitations:index",
]


@pytest.mark.parametrize("url_name", STAFF_LISTS)
def test_staff_open_every_staff_list_in_the_wagtail_admin(client, url_name):
    login(client, make_staff())
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", STAFF_LISTS)
def test_people_who_are_not_staff_cannot_open_the_staff_lists(client, url_name):
    login(client, make_user())
    assert client.get(reverse(url_name)).status_code in {302, 403}


def test_staff_read_the_audit_trail_but_cannot_change_or_delete_it(client):
    staff = make_staff()
    organisation = make_organisation()
    log_action(
        "organisations.organisation.staff_edited",
        actor=staff,
        organisation=organisation,
        subject=organisation,
    )
    entry = AuditLogEntry.objects.get()
    login(client, staff)
    listing = client.get(reverse("audit_trail:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert "organisations.organisation.staff_edited" in listing.content.decode()
    assert client.get(reverse("audit_trail:inspect", args=[entry.pk])).status_code == 200
    assert client.get(reverse("audit_trail:edit", args=[entry.pk])).status_code in {302, 403}
    assert client.post(reverse("audit_trail:edit", args=[entry.pk]), {"action": "forged"}).status_code in {
        302,
        403,
    }
    assert client.post(reverse("audit_trail:delete", args=[entry.pk])).status_code in {302, 403}
    assert client.post(reverse("audit_trail:add"), {"action": "forged"}).status_code in {302, 403}
    entry.refresh_from_db()
    assert entry.action == "organisations.organisation.staff_edited"
    assert not AuditLogEntry.objects.filter(action="forged").exists()


def test_staff_cannot_edit_invitations_behind_the_members_back(client):
    owner = make_user()
    organisation = make_organisation(owner=owner)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email="guest@example.com",
        invited_by=owner,
        role="member",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    login(client, make_staff())
    url = reverse("organisation_invitations:edit", args=[invitation.pk])
    assert client.post(url, {"email": "intruder@example.com", "role": "owner"}).status_code in {302, 403}
    invitation.refresh_from_db()
    assert invitation.email == "guest@example.com" and invitation.role == "member"


def test_staff_cannot_create_or_delete_channels_in_the_admin(client):
    member = make_member(make_organisation()).user
    channel = discussions.do_create_channel(kind=ChannelKind.PUBLIC, name="Stays", created_by=member)
    login(client, make_staff())
    assert client.get(reverse("discussion_channels:add")).status_code in {302, 403}
    assert client.post(reverse("discussion_channels:delete", args=[channel.pk])).status_code in {302, 403}
    assert type(channel).objects.filter(pk=channel.pk).exists()


def test_the_django_admin_is_not_served(client):
    login(client, make_staff())
    assert client.get("/django-admin/").status_code == 404


def user_form(user, **changes) -> dict:
    """What Wagtail's user edit form posts for ``user`` unchanged, plus ``changes`` (checkboxes: "on" or absent)."""
    data = {
        "email": user.email,
        "first_name": "Hanako",
        "last_name": "Sato",
        "is_active": "on",
        "password1": "",
        "password2": "",
    }
    data.update(changes)
    return data


def test_staff_make_someone_staff_in_the_wagtail_users_admin_and_it_is_audited(client):
    staff = make_staff()
    person = make_user()
    login(client, staff)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, user_form(person, is_staff="on", is_policy_staff="on"))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    person.refresh_from_db()
    assert person.is_staff and person.is_policy_staff
    entry = AuditLogEntry.objects.get(action="accounts.user.staff_roles_changed")
    assert entry.actor == staff and entry.data == {"is_staff": True, "is_policy_staff": True}

    client.post(url, user_form(person, is_staff="on"))
    person.refresh_from_db()
    assert person.is_staff and not person.is_policy_staff


def test_staff_cannot_take_away_their_own_staff_role_in_the_admin(client):
    staff = make_staff()
    login(client, staff)
    url = reverse("wagtailusers_users:edit", args=[staff.pk])
    assert "is_staff" not in client.get(url).context["form"].fields
    client.post(url, user_form(staff))
    staff.refresh_from_db()
    assert staff.is_staff


def test_the_staff_roles_service_refuses_people_who_are_not_staff():
    from django.core.exceptions import PermissionDenied

    from cpsplatform.accounts.services import do_set_staff_roles

    person = make_user()
    with pytest.raises(PermissionDenied):
        do_set_staff_roles(make_user(), person, is_staff=True, is_policy_staff=False)
    person.refresh_from_db()
    assert not person.is_staff
