"""Who is asking (``cpsplatform.organisations.actor.Actor``): the user's memberships are read once per request,
lazily, and every permission question is answered from that one read."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Role
from tests.core.test_permissions import request_for
from tests.factories import client_for, make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db


def membership_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "organisations_membership" in q["sql"]]


def test_actor_acts_for_the_organisation_chosen_in_the_session_else_for_the_first():
    user = make_user()
    first = make_organisation(owner=user)
    second = make_organisation()
    make_member(second, role=Role.ADMIN, user=user)
    assert request_for(user).actor.organisation == first
    chosen = request_for(user, active=second).actor
    assert chosen.organisation == second
    assert chosen.has_role({Role.ADMIN}) and not chosen.has_role({Role.OWNER})


def test_a_session_naming_an_organisation_the_user_left_falls_back_to_one_they_belong_to():
    user = make_user()
    own = make_organisation(owner=user)
    left = make_organisation()
    assert request_for(user, active=left).actor.organisation == own


def test_every_question_of_one_request_costs_one_membership_query():
    user = make_user()
    vendor = make_organisation(kind="vendor", owner=user)
    other = make_organisation()
    make_member(other, user=user)
    stranger = make_organisation()
    actor = request_for(user).actor
    with CaptureQueriesContext(connection) as queries:
        assert actor.acts_for(vendor) and not actor.acts_for(other)
        assert actor.is_member_of(other) and not actor.is_member_of(stranger)
        assert actor.is_member_of_id(vendor.pk)
        assert actor.member_kinds == {"vendor", "user_company"}
        assert actor.role == Role.OWNER
    assert len(membership_queries(queries.captured_queries)) == 1


def test_a_request_that_never_asks_reads_no_membership():
    user = make_user()
    make_organisation(owner=user)
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/healthz").status_code == 200
    assert membership_queries(queries.captured_queries) == []


def test_acting_for_an_organisation_one_does_not_belong_to_is_acting_for_none():
    user = make_user()
    own = make_organisation(owner=user)
    foreign = make_organisation()
    assert Actor.acting_for(user, foreign).organisation is None
    assert Actor.acting_for(user, None).organisation is None
    assert Actor.acting_for(user, own).acts_for(own)


def test_anonymous_visitors_act_for_nobody_without_a_query():
    actor = request_for(AnonymousUser()).actor
    with CaptureQueriesContext(connection) as queries:
        assert actor.organisation is None
        assert not actor.is_staff and not actor.is_member_of(None)
        assert actor.member_kinds == frozenset()
    assert queries.captured_queries == []


def test_only_active_staff_accounts_are_staff():
    assert Actor(make_user(is_staff=True)).is_staff
    assert not Actor(make_user(is_staff=True, is_active=False)).is_staff
    assert not Actor(make_user()).is_staff
