"""Staff approval of organisations: the one "confirmed by platform staff" notion, with who and when, that
verification bodies, public agencies and event organisers need before they act, and that a change of kind
takes away."""

import pytest
from django.urls import reverse

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.organisations import services
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Membership, Organisation
from marketplace.choices import Visibility
from marketplace.selectors import needs_visible_to
from tests.factories import login, make_member, make_organisation, make_staff, make_user
from tests.marketplace.factories import make_need

pytestmark = pytest.mark.django_db


def profile(organisation: Organisation, **overrides) -> dict:
    fields = {name: getattr(organisation, name) for name in services.PROFILE_FIELDS}
    fields.update(overrides)
    return fields


@pytest.mark.parametrize("kind", ["verification_body", "public_agency", "event_organiser"])
def test_self_registered_issuer_or_organiser_awaits_staff_approval(kind):
    organisation = services.do_create_organisation(make_user(), name_en="Probe Lab", kind=kind)
    assert not organisation.confirmed_by_staff
    assert organisation.awaits_staff_approval


@pytest.mark.parametrize("kind", ["vendor", "user_company", "university"])
def test_other_kinds_act_without_waiting_for_approval(kind):
    organisation = services.do_create_organisation(make_user(), name_en="Plain Org", kind=kind)
    assert not organisation.awaits_staff_approval


def test_staff_approval_records_who_and_when_and_is_audited():
    body = make_organisation(kind="verification_body", confirmed_by_staff=False)
    staff = make_staff()
    services.do_set_confirmed_by_staff(staff, body, True)
    body.refresh_from_db()
    assert body.confirmed_by_staff and not body.awaits_staff_approval
    assert body.staff_confirmed_by == staff
    assert body.staff_confirmed_at is not None
    entry = AuditLogEntry.objects.get(action="organisations.organisation.confirmed", organisation=body)
    assert entry.actor == staff

    services.do_set_confirmed_by_staff(staff, body, False)
    body.refresh_from_db()
    assert body.awaits_staff_approval
    assert body.staff_confirmed_by is None and body.staff_confirmed_at is None
    assert AuditLogEntry.objects.filter(action="organisations.organisation.unconfirmed", actor=staff).exists()


def test_members_cannot_approve_their_own_verification_body():
    owner = make_user()
    body = make_organisation(kind="verification_body", owner=owner, confirmed_by_staff=False)
    with pytest.raises(services.PermissionDenied):
        services.do_set_confirmed_by_staff(owner, body, True)
    body.refresh_from_db()
    assert body.awaits_staff_approval


def test_staff_approve_and_withdraw_approval_in_the_wagtail_admin(client):
    body = make_organisation(kind="verification_body", confirmed_by_staff=False)
    staff = make_staff()
    login(client, staff)
    url = reverse("organisation_admin:edit", args=[body.pk])
    data = {name: ("" if value is None else value) for name, value in profile(body).items()}
    data.update({"slug": body.slug, "is_sme": ""})
    data = {k: v for k, v in data.items() if v is not False}
    assert client.post(url, {**data, "confirmed_by_staff": "on"}).status_code == 302
    body.refresh_from_db()
    assert body.confirmed_by_staff and body.staff_confirmed_by == staff
    assert (
        AuditLogEntry.objects.filter(action="organisations.organisation.confirmed", actor=staff).count() == 1
    )

    assert client.post(url, data).status_code == 302
    body.refresh_from_db()
    assert body.awaits_staff_approval
    assert (
        AuditLogEntry.objects.filter(action="organisations.organisation.unconfirmed", actor=staff).count()
        == 1
    )


def test_wagtail_admin_confirmation_records_who_and_when(client):
    body = make_organisation(kind="public_agency", confirmed_by_staff=False)
    staff = make_staff()
    login(client, staff)
    data = {name: ("" if value is None else value) for name, value in profile(body).items()}
    data.update({"confirmed_by_staff": "on", "slug": body.slug, "is_sme": ""})
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(reverse("organisation_admin:edit", args=[body.pk]), data)
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.confirmed_by_staff and body.staff_confirmed_by == staff and body.staff_confirmed_at


def test_confirmed_university_that_turns_vendor_loses_its_confirmation():
    owner = make_user()
    university = make_organisation(kind="university", owner=owner, confirmed_by_staff=True)
    need = make_need(make_organisation(), visibility=Visibility.CONFIRMED_VENDORS)
    membership = Membership.objects.get(organisation=university, user=owner)

    services.do_update_organisation(membership, university, **profile(university, kind="vendor"))

    university.refresh_from_db()
    assert university.kind == "vendor"
    assert not university.confirmed_by_staff
    assert university.staff_confirmed_by is None
    assert need not in needs_visible_to(Actor.acting_for(owner, university))
    entry = AuditLogEntry.objects.get(
        action="organisations.organisation.unconfirmed", organisation=university
    )
    assert entry.actor == owner
    assert entry.data["reason"] == "kind_changed"


def test_vendor_that_turns_verification_body_awaits_approval_again(client):
    owner = make_user()
    vendor = make_organisation(kind="vendor", owner=owner, confirmed_by_staff=True)
    login(client, owner)
    data = {name: ("" if value is None else value) for name, value in profile(vendor).items()}
    data.update({"kind": "verification_body", "is_sme": ""})
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(reverse("organisations:edit", kwargs={"slug": vendor.slug}), data)
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.kind == "verification_body"
    assert vendor.awaits_staff_approval


def test_profile_edit_that_keeps_the_kind_keeps_the_confirmation():
    owner = make_user()
    vendor = make_organisation(kind="vendor", owner=owner, confirmed_by_staff=True)
    membership = Membership.objects.get(organisation=vendor, user=owner)
    services.do_update_organisation(membership, vendor, **profile(vendor, description="New text"))
    vendor.refresh_from_db()
    assert vendor.confirmed_by_staff
    assert not AuditLogEntry.objects.filter(action="organisations.organisation.unconfirmed").exists()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_organisation_awaiting_approval_is_told_so_in_its_language(client, language):
    owner = make_user()
    body = make_organisation(kind="verification_body", owner=owner, confirmed_by_staff=False)
    login(client, owner)
    page = client.get(
        reverse("organisations:profile", kwargs={"slug": body.slug}), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    expected = {"en": "awaits approval by platform staff", "ja": "運営スタッフの承認待ち"}[language]
    assert 'data-testid="awaiting-approval"' in page
    assert expected in page


def test_approved_organisation_shows_no_waiting_notice(client):
    owner = make_user()
    body = make_organisation(kind="verification_body", owner=owner, confirmed_by_staff=True)
    make_member(body)
    login(client, owner)
    page = client.get(reverse("organisations:profile", kwargs={"slug": body.slug})).content.decode()
    assert 'data-testid="awaiting-approval"' not in page


def test_policy_staff_of_an_unapproved_public_agency_cannot_post_policy():
    from cpsplatform.discussions.selectors import is_policy_poster

    agency = make_organisation(kind="public_agency", confirmed_by_staff=False)
    person = make_member(agency, user=make_user(is_policy_staff=True)).user
    assert not is_policy_poster(person)
    services.do_set_confirmed_by_staff(make_staff(), agency, True)
    assert is_policy_poster(person)
