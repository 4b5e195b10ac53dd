"""The organisation scoping helpers every app uses (``cpsplatform.organisations.permissions``)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.utils import translation

from cpsplatform.organisations.middleware import SESSION_KEY, ActiveOrganisationMiddleware
from cpsplatform.organisations.models import Invitation, Organisation
from cpsplatform.organisations.permissions import (
    MANAGERS,
    get_membership,
    organisation_member_required,
    require_active_membership,
    require_membership,
    visible_to_members,
)
from tests.factories import make_invitation, make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def request_for(user, active: Organisation | None = None):
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    if active is not None:
        request.session[SESSION_KEY] = active.pk
    request.user = user
    ActiveOrganisationMiddleware(lambda r: HttpResponse())(request)
    return request


def test_non_members_and_anonymous_visitors_get_404_not_a_hint():
    organisation = make_organisation(owner=make_user())
    with pytest.raises(Http404):
        require_membership(request_for(make_user()), organisation)
    with pytest.raises(Http404):
        require_membership(request_for(AnonymousUser()), organisation)
    assert get_membership(AnonymousUser(), organisation) is None


def test_members_without_the_role_get_403_with_the_reason():
    organisation = make_organisation(owner=make_user())
    member = make_member(organisation).user
    with pytest.raises(PermissionDenied, match="owners and admins"):
        require_membership(request_for(member), organisation, roles=MANAGERS)
    with pytest.raises(PermissionDenied, match="owners may do this"):
        require_membership(request_for(member), organisation, roles={"owner"})
    assert require_membership(request_for(member), organisation).role == "member"


def test_active_membership_follows_the_session_and_is_reread():
    user = make_user()
    first = make_organisation(owner=user)
    second = make_organisation()
    membership = make_member(second, user=user)
    assert require_active_membership(request_for(user)).organisation == first
    request = request_for(user, active=second)
    assert require_active_membership(request).organisation == second
    assert request.active_membership.role == "member"  # evaluated before the change below
    membership.role = "admin"
    membership.save(update_fields=["role"])
    assert require_active_membership(request, roles=MANAGERS).role == "admin"


def test_users_without_an_organisation_are_told_to_create_or_join_one():
    with pytest.raises(PermissionDenied, match="Create or join an organisation first"):
        require_active_membership(request_for(make_user()))


def test_decorator_passes_the_membership_and_sends_anonymous_visitors_to_login():
    organisation = make_organisation(owner=make_user())
    admin = make_member(organisation, role="admin").user

    @organisation_member_required(roles=MANAGERS)
    def view(request, membership):
        return HttpResponse(f"{membership.organisation.slug}:{membership.role}")

    assert view(request_for(admin), slug=organisation.slug).content.decode() == f"{organisation.slug}:admin"
    anonymous = view(request_for(AnonymousUser()), slug=organisation.slug)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    with pytest.raises(Http404):
        view(request_for(admin), slug="no-such-organisation")


def test_querysets_are_narrowed_to_the_users_organisations():
    user = make_user()
    mine = make_organisation(owner=user)
    theirs = make_organisation(owner=make_user())
    make_invitation(mine)
    make_invitation(theirs)
    visible = visible_to_members(Invitation.objects.all(), user)
    assert {invitation.organisation for invitation in visible} == {mine}
    assert not visible_to_members(Invitation.objects.all(), AnonymousUser()).exists()
