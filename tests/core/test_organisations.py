"""Organisations: creating, editing, the profile page, switching the active organisation, staff confirmation."""

import pytest
from django.urls import reverse

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.organisations import services
from cpsplatform.organisations.middleware import SESSION_KEY
from cpsplatform.organisations.models import Invitation, Membership, Organisation
from cpsplatform.organisations.validators import corporate_number_from_base
from tests.factories import login, make_member, make_organisation, make_staff, make_user

pytestmark = pytest.mark.django_db

VALID_NUMBER = corporate_number_from_base("010401999888")


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "audit": AuditLogEntry.objects.count(),
    }


def organisation_data(**overrides) -> dict:
    data = {
        "name_ja": "株式会社みらい制御",
        "name_en": "Mirai Control Co., Ltd.",
        "kind": "vendor",
        "industry": "manufacturing",
        "size": "small",
        "is_sme": "on",
        "region": "kinki",
        "website": "https://www.mirai-control.example",
        "corporate_number": VALID_NUMBER,
        "description": "",
        "contact_email": "",
    }
    data.update(overrides)
    return data


def test_creator_becomes_owner_and_acts_as_the_new_organisation(client):
    user = make_user(email="ceo@mirai-control.example")
    login(client, user)
    response = client.post(reverse("organisations:create"), organisation_data())
    organisation = Organisation.objects.get(name_en="Mirai Control Co., Ltd.")
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:members", kwargs={"slug": organisation.slug})
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (user, "owner")
    assert membership.email_domain_matches
    assert organisation.slug == "mirai-control-co-ltd"
    assert not organisation.confirmed_by_staff
    assert client.session[SESSION_KEY] == organisation.pk
    assert AuditLogEntry.objects.filter(
        action="organisations.organisation.created", organisation=organisation
    ).exists()


def test_members_cannot_confirm_their_own_organisation(client):
    login(client, make_user())
    client.post(reverse("organisations:create"), organisation_data(confirmed_by_staff="on"))
    assert not Organisation.objects.get(name_en="Mirai Control Co., Ltd.").confirmed_by_staff


def test_a_website_typed_without_a_scheme_is_stored_as_https(client):
    login(client, make_user(email="ceo@mirai-control.example"))
    client.post(reverse("organisations:create"), organisation_data(website="www.mirai-control.example"))
    assert (
        Organisation.objects.get(name_en="Mirai Control Co., Ltd.").website
        == "https://www.mirai-control.example"
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {
                "corporate_number": VALID_NUMBER[0]
                + VALID_NUMBER[1:-1]
                + str((int(VALID_NUMBER[-1]) + 1) % 10)
            },
            "corporate_number",
            "check digit is wrong",
        ),
        ({"corporate_number": "12345"}, "corporate_number", "exactly 13 digits"),
        ({"name_ja": "", "name_en": ""}, "__all__", "name in Japanese or English"),
        ({"contact_email": "info(at)mirai"}, "contact_email", "valid email"),
        ({"website": "not a url"}, "website", "valid URL"),
    ],
    ids=[
        "wrong-check-digit",
        "short-corporate-number",
        "no-name",
        "malformed-contact-email",
        "malformed-website",
    ],
)
def test_bad_organisation_input_is_explained_and_nothing_is_saved(client, overrides, field, message):
    login(client, make_user())
    before = counts()
    response = client.post(
        reverse("organisations:create"), organisation_data(**overrides), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert "Nothing has been saved yet" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    ("existing", "overrides", "field"),
    [
        ({"name_en": "Mirai Control Co., Ltd."}, {"name_en": "MIRAI CONTROL CO., LTD."}, "name_en"),
        ({"name_ja": "株式会社みらい制御"}, {}, "name_ja"),
        ({"name_en": "Mirai Control"}, {"name_ja": "mirai control"}, "name_ja"),
        ({"name_ja": "みらい制御"}, {"name_en": "みらい制御"}, "name_en"),
    ],
    ids=[
        "same-english-name-other-case",
        "same-japanese-name",
        "japanese-field-has-existing-english-name",
        "english-field-has-existing-japanese-name",
    ],
)
def test_duplicate_organisation_name_is_refused_with_a_clear_message(client, existing, overrides, field):
    make_organisation(**{"name_ja": "", "name_en": "", **existing})
    login(client, make_user())
    before = counts()
    response = client.post(
        reverse("organisations:create"), organisation_data(**overrides), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "is already registered" in " ".join(response.context["form"].errors[field])
    assert counts() == before


def test_duplicate_corporate_number_is_refused(client):
    make_organisation(corporate_number=VALID_NUMBER)
    login(client, make_user())
    before = counts()
    response = client.post(reverse("organisations:create"), organisation_data(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "corporate number is already registered" in response.content.decode()
    assert counts() == before


def test_service_refuses_duplicate_names_without_saving_anything():
    make_organisation(name_en="Tokai Precision")
    before = counts()
    with pytest.raises(services.OrganisationRuleError) as error:
        services.do_create_organisation(make_user(), name_en="tokai precision", kind="user_company")
    assert error.value.field == "name_en"
    assert counts() == before


def test_admin_edits_the_profile_and_domain_badges_follow_the_website(client):
    owner = make_user(email="owner@old-domain.example")
    organisation = make_organisation(owner=owner, website="https://old-domain.example")
    admin = make_member(organisation, role="admin", user=make_user(email="admin@new-domain.example")).user
    login(client, admin)
    data = organisation_data(
        name_ja=organisation.name_ja,
        name_en=organisation.name_en,
        corporate_number=organisation.corporate_number,
        website="https://new-domain.example",
    )
    response = client.post(reverse("organisations:edit", kwargs={"slug": organisation.slug}), data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.website == "https://new-domain.example"
    assert Membership.objects.get(user=admin).email_domain_matches
    assert not Membership.objects.get(user=owner).email_domain_matches
    entry = AuditLogEntry.objects.get(action="organisations.organisation.updated")
    assert entry.actor == admin and "website" in entry.data["fields"]


def test_plain_member_cannot_edit_the_profile(client):
    organisation = make_organisation(owner=make_user())
    member = make_member(organisation).user
    login(client, member)
    before = counts()
    response = client.post(
        reverse("organisations:edit", kwargs={"slug": organisation.slug}),
        organisation_data(name_en="Hijacked"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 403
    assert "Only the organisation&#x27;s owners and admins may do this." in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name_en != "Hijacked"
    assert counts() == before


def test_profile_page_is_public_and_shows_the_staff_confirmation(client):
    organisation = make_organisation(
        name_en="Verified Works", confirmed_by_staff=True, website="https://vw.example"
    )
    response = client.get(
        reverse("organisations:profile", kwargs={"slug": organisation.slug}), HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Verified Works" in body
    assert "Confirmed by platform staff" in body
    assert organisation.corporate_number in body


def test_user_switches_between_their_organisations(client):
    user = make_user()
    first = make_organisation(owner=user)
    second = make_organisation()
    make_member(second, user=user)
    login(client, user)
    assert client.get(reverse("organisations:dashboard")).context["active_organisation"] == first

    response = client.post(
        reverse("organisations:switch"), {"organisation": second.slug, "next": "/organisations/"}
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == second.pk
    assert client.get(reverse("organisations:dashboard")).context["active_organisation"] == second


def test_switching_to_an_organisation_one_does_not_belong_to_is_404(client):
    user = make_user()
    make_organisation(owner=user)
    stranger = make_organisation()
    login(client, user)
    response = client.post(reverse("organisations:switch"), {"organisation": stranger.slug})
    assert response.status_code == 404
    assert SESSION_KEY not in client.session


def test_switch_ignores_a_next_url_on_another_site(client):
    user = make_user()
    organisation = make_organisation(owner=user)
    login(client, user)
    response = client.post(
        reverse("organisations:switch"), {"organisation": organisation.slug, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("organisations:dashboard")


def test_dashboard_lists_memberships_and_invitations_for_the_user(client):
    user = make_user(email="mika@example.co.jp")
    mine = make_organisation(owner=user, name_en="Mine Ltd.")
    inviting = make_organisation(name_en="Inviting Ltd.")
    Invitation.objects.create(
        organisation=inviting,
        email="mika@example.co.jp",
        expires_at=services.timezone.now() + services.INVITATION_LIFETIME,
    )
    login(client, user)
    body = client.get(reverse("organisations:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert mine.display_name in body
    assert "View invitation" in body


def test_staff_confirm_an_organisation_in_the_wagtail_admin(client):
    organisation = make_organisation(name_en="To Be Confirmed")
    staff = make_staff()
    login(client, staff)
    edit_url = reverse("organisation_admin:edit", args=[organisation.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    data = {
        "confirmed_by_staff": "on",
        "slug": organisation.slug,
        "name_ja": organisation.name_ja,
        "name_en": organisation.name_en,
        "kind": organisation.kind,
        "industry": "",
        "size": "",
        "region": "",
        "website": "",
        "corporate_number": organisation.corporate_number,
        "description": "",
        "contact_email": "",
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    organisation.refresh_from_db()
    assert organisation.confirmed_by_staff
    entry = AuditLogEntry.objects.get(action="organisations.organisation.confirmed")
    assert entry.actor == staff and entry.organisation == organisation


def test_wagtail_editors_who_are_not_staff_cannot_open_the_organisation_admin(client):
    from django.contrib.auth.models import Group

    editor = make_user()
    editor.groups.add(Group.objects.get(name="Editors"))
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(*Permission.objects.filter(codename__endswith="_organisation"))
    organisation = make_organisation()
    login(client, editor)
    assert client.get("/cms/").status_code == 200
    response = client.get(reverse("organisation_admin:edit", args=[organisation.pk]))
    assert response.status_code in {302, 403}
    organisation.refresh_from_db()
    assert not organisation.confirmed_by_staff


def test_staff_confirmation_service_requires_staff():
    organisation = make_organisation()
    with pytest.raises(services.PermissionDenied):
        services.do_set_confirmed_by_staff(make_user(), organisation, True)
    services.do_set_confirmed_by_staff(make_staff(), organisation, True)
    organisation.refresh_from_db()
    assert organisation.confirmed_by_staff
