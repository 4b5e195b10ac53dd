"""Memberships: inviting by e-mail, accepting once as the invited person, roles, leaving, removing; an organisation
always keeps an owner."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.organisations import services
from cpsplatform.organisations.models import Invitation, Membership
from tests.factories import login, make_invitation, make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "pending": Invitation.objects.filter(status="pending").count(),
        "audit": AuditLogEntry.objects.count(),
    }


def roles(organisation) -> dict[str, str]:
    return dict(organisation.memberships.values_list("user__email", "role"))


@pytest.fixture
def team():
    owner = make_user(email="owner@team.example")
    organisation = make_organisation(owner=owner, website="https://team.example", name_en="Team Works")
    admin = make_member(organisation, role="admin", user=make_user(email="admin@team.example")).user
    member = make_member(organisation, role="member", user=make_user(email="member@team.example")).user
    return organisation, owner, admin, member


def invite_url(organisation):
    return reverse("organisations:invite", kwargs={"slug": organisation.slug})


def test_admin_invites_by_email_and_the_link_arrives_after_commit(
    client, team, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://cps.example.org"
    organisation, _, admin, _ = team
    login(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url(organisation), {"email": "New.Person@Team.example", "role": "admin"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new.person@team.example",
        "admin",
        admin,
    )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.person@team.example"]
    assert f"https://cps.example.org/organisations/invitations/{invitation.token}/" in mailoutbox[0].body
    entry = AuditLogEntry.objects.get(action="organisations.member.invited")
    assert entry.actor == admin and entry.data == {"email": "new.person@team.example", "role": "admin"}


def test_invited_user_accepts_once_and_joins_with_the_role_and_domain_badge(client, team):
    organisation, owner, _, _ = team
    invitation = make_invitation(organisation, email="newbie@team.example", role="admin", invited_by=owner)
    newbie = make_user(email="newbie@team.example")
    login(client, newbie)
    url = reverse("organisations:accept_invitation", kwargs={"token": invitation.token})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Accept invitation" in page.content.decode()

    response = client.post(url)
    assert response.status_code == 302
    membership = Membership.objects.get(user=newbie)
    assert (membership.organisation, membership.role, membership.email_domain_matches) == (
        organisation,
        "admin",
        True,
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", newbie)
    assert AuditLogEntry.objects.filter(action="organisations.member.joined", actor=newbie).exists()
    members_page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "E-mail domain matches website" in members_page


def test_invitation_used_twice_is_refused_with_a_clear_message(client, team):
    organisation, owner, _, _ = team
    invitation = make_invitation(organisation, email="twice@example.org", invited_by=owner)
    user = make_user(email="twice@example.org")
    login(client, user)
    url = reverse("organisations:accept_invitation", kwargs={"token": invitation.token})
    client.post(url)
    before = counts()
    response = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "This invitation has already been used." in response.content.decode()
    assert counts() == before
    assert not Membership.objects.get(user=user).email_domain_matches


def test_invitation_opened_by_the_wrong_user_is_refused_and_stays_usable(client, team):
    organisation, owner, _, _ = team
    invitation = make_invitation(organisation, email="right@example.org", invited_by=owner)
    login(client, make_user(email="wrong@example.org"))
    url = reverse("organisations:accept_invitation", kwargs={"token": invitation.token})
    before = counts()
    response = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "This invitation was sent to right@example.org" in response.content.decode()
    assert counts() == before
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_invitation_to_an_unverified_address_of_the_user_is_refused(client, team):
    organisation, owner, _, _ = team
    invitation = make_invitation(organisation, email="second@example.org", invited_by=owner)
    user = make_user(email="first@example.org")
    EmailAddress.objects.create(user=user, email="second@example.org", verified=False, primary=False)
    login(client, user)
    before = counts()
    response = client.post(reverse("organisations:accept_invitation", kwargs={"token": invitation.token}))
    assert response.status_code == 403
    assert counts() == before


def test_expired_and_withdrawn_invitations_are_refused(client, team):
    organisation, owner, _, _ = team
    expired = make_invitation(organisation, email="late@example.org", expires_in=timedelta(minutes=-1))
    withdrawn = make_invitation(organisation, email="late@example.org")
    services.do_revoke_invitation(organisation.memberships.get(user=owner), withdrawn)
    login(client, make_user(email="late@example.org"))
    before = counts()
    for invitation, message in [(expired, "has expired"), (withdrawn, "was withdrawn")]:
        response = client.post(
            reverse("organisations:accept_invitation", kwargs={"token": invitation.token}),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert counts() == before


def test_unknown_invitation_token_is_404(client):
    login(client, make_user())
    assert client.get(reverse("organisations:accept_invitation", kwargs={"token": "nope"})).status_code == 404


def test_anonymous_invitee_is_sent_to_log_in_first(client, team):
    invitation = make_invitation(team[0])
    url = reverse("organisations:accept_invitation", kwargs={"token": invitation.token})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "Enter a valid email address."),
        ("member@team.example", "is already a member"),
    ],
    ids=["malformed-email", "already-a-member"],
)
def test_bad_invitations_are_explained_and_nothing_is_sent(client, team, mailoutbox, email, message):
    organisation, owner, _, _ = team
    login(client, owner)
    before = counts()
    response = client.post(
        invite_url(organisation), {"email": email, "role": "member"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before
    assert mailoutbox == []


def test_inviting_the_same_address_twice_asks_to_withdraw_the_first(client, team):
    organisation, owner, _, _ = team
    login(client, owner)
    client.post(invite_url(organisation), {"email": "dup@example.org", "role": "member"})
    before = counts()
    response = client.post(
        invite_url(organisation), {"email": "DUP@example.org", "role": "member"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "has already been invited" in response.content.decode()
    assert counts() == before


def test_plain_member_cannot_invite(client, team):
    organisation, _, _, member = team
    login(client, member)
    before = counts()
    response = client.post(invite_url(organisation), {"email": "friend@example.org", "role": "member"})
    assert response.status_code == 403
    assert counts() == before


def test_admin_cannot_invite_an_owner(client, team):
    organisation, _, admin, _ = team
    login(client, admin)
    before = counts()
    response = client.post(
        invite_url(organisation), {"email": "boss@example.org", "role": "owner"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert counts() == before
    with pytest.raises(services.PermissionDenied):
        services.do_invite_member(organisation.memberships.get(user=admin), "boss@example.org", "owner")
    assert counts() == before


def role_url(organisation, user):
    membership = organisation.memberships.get(user=user)
    return reverse(
        "organisations:change_role", kwargs={"slug": organisation.slug, "membership_id": membership.pk}
    )


def test_member_trying_to_change_roles_gets_403_with_a_reason_and_nothing_changes(client, team):
    organisation, owner, _, member = team
    login(client, member)
    before, before_roles = counts(), roles(organisation)
    response = client.post(role_url(organisation, member), {"role": "owner"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "Only the organisation&#x27;s owners and admins may do this." in response.content.decode()
    response = client.post(role_url(organisation, owner), {"role": "member"})
    assert response.status_code == 403
    assert counts() == before and roles(organisation) == before_roles


def test_admin_cannot_touch_the_owner_role(client, team):
    organisation, owner, admin, member = team
    login(client, admin)
    before, before_roles = counts(), roles(organisation)
    response = client.post(role_url(organisation, owner), {"role": "member"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "Only an owner may give or take away the owner role." in response.content.decode()
    assert client.post(role_url(organisation, member), {"role": "owner"}).status_code == 403
    assert counts() == before and roles(organisation) == before_roles


def test_admin_promotes_a_member_to_admin(client, team):
    organisation, _, admin, member = team
    login(client, admin)
    response = client.post(role_url(organisation, member), {"role": "admin"})
    assert response.status_code == 302
    assert roles(organisation)["member@team.example"] == "admin"
    entry = AuditLogEntry.objects.get(action="organisations.member.role_changed")
    assert entry.data == {"user": "member@team.example", "from": "member", "to": "admin"}


def test_unknown_role_is_refused_with_a_message(client, team):
    organisation, owner, _, member = team
    login(client, owner)
    before_roles = roles(organisation)
    response = client.post(
        role_url(organisation, member), {"role": "emperor"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Choose one of the roles owner, admin or member." in response.content.decode()
    assert roles(organisation) == before_roles


def test_last_owner_cannot_be_demoted_leave_or_be_removed(client, team):
    organisation, owner, admin, _ = team
    login(client, owner)
    before, before_roles = counts(), roles(organisation)
    response = client.post(
        role_url(organisation, owner), {"role": "admin"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "is the last owner" in response.content.decode()
    response = client.post(
        reverse("organisations:leave", kwargs={"slug": organisation.slug}),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "You are the last owner of this organisation" in response.content.decode()
    with pytest.raises(services.OrganisationRuleError, match="Leave organisation"):
        membership = organisation.memberships.get(user=owner)
        services.do_remove_member(membership, membership)
    assert counts() == before and roles(organisation) == before_roles


def test_with_a_second_owner_the_first_may_leave(client, team):
    organisation, owner, admin, _ = team
    login(client, owner)
    client.post(role_url(organisation, admin), {"role": "owner"})
    response = client.post(reverse("organisations:leave", kwargs={"slug": organisation.slug}))
    assert response.status_code == 302
    assert "owner@team.example" not in roles(organisation)
    assert roles(organisation)["admin@team.example"] == "owner"
    assert AuditLogEntry.objects.filter(action="organisations.member.left", actor=owner).exists()


def test_admin_removes_a_member_but_not_an_owner(client, team):
    organisation, owner, admin, member = team
    login(client, admin)
    remove = lambda user: reverse(  # noqa: E731
        "organisations:remove_member",
        kwargs={"slug": organisation.slug, "membership_id": organisation.memberships.get(user=user).pk},
    )
    assert client.post(remove(owner)).status_code == 403
    assert client.post(remove(member)).status_code == 302
    assert set(roles(organisation)) == {"owner@team.example", "admin@team.example"}
    entry = AuditLogEntry.objects.get(action="organisations.member.removed")
    assert entry.actor == admin and entry.data["user"] == "member@team.example"


def test_members_of_another_organisation_cannot_reach_this_ones_members(client, team):
    organisation, _, _, member = team
    outsider = make_organisation(owner=make_user()).memberships.get().user
    login(client, outsider)
    target = organisation.memberships.get(user=member)
    before = counts()
    response = client.post(
        reverse("organisations:remove_member", kwargs={"slug": organisation.slug, "membership_id": target.pk})
    )
    assert response.status_code == 404
    assert counts() == before


def test_membership_id_of_another_organisation_is_404_even_for_an_owner(client, team):
    organisation, owner, _, _ = team
    other = make_organisation(owner=make_user())
    foreign = other.memberships.get()
    login(client, owner)
    response = client.post(
        reverse(
            "organisations:remove_member", kwargs={"slug": organisation.slug, "membership_id": foreign.pk}
        )
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_members_page_lists_people_with_roles_and_pending_invitations(client, team):
    organisation, owner, _, _ = team
    make_invitation(organisation, email="pending@example.org")
    login(client, owner)
    body = client.get(
        reverse("organisations:members", kwargs={"slug": organisation.slug}), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = body.content.decode()
    assert re.search(r"owner@team\.example.*admin@team\.example.*member@team\.example", text, re.S)
    assert "pending@example.org" in text
    assert text.count("E-mail domain matches website") == 3
