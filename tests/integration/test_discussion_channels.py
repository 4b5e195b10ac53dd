"""The apps open and fill discussion channels through the core's service API: an accepted introduction gets a
private channel for the pair, an event a channel for the people holding a confirmed seat."""

import pytest

from cpsplatform.discussions.models import Channel, ChannelKind
from cpsplatform.discussions.selectors import can_read
from cpsplatform.organisations.models import OrganisationKind
from events.services.registration import do_cancel_registration, do_register
from marketplace.services.introductions import do_accept_introduction, do_propose
from tests.events.conftest import make_event
from tests.events.conftest import make_user as make_participant
from tests.marketplace.factories import make_listing, make_member, make_need, make_org, make_vendor

pytestmark = pytest.mark.django_db


def test_accepted_introduction_opens_a_channel_only_the_pair_can_read(django_capture_on_commit_callbacks):
    vendor, buyer = make_vendor(), make_org()
    seller, asker = make_member(vendor, role="admin"), make_member(buyer, role="admin")
    outsider = make_member(make_org())
    listing, need = make_listing(vendor), make_need(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        introduction = do_propose(
            listing=listing, need=need, actor=seller, organisation=vendor, reason="御社の工場に合う製品です"
        )
    assert not Channel.objects.filter(key=f"introduction:{introduction.pk}").exists()

    with django_capture_on_commit_callbacks(execute=True):
        do_accept_introduction(introduction, actor=asker, organisation=buyer)

    channel = Channel.objects.get(key=f"introduction:{introduction.pk}")
    assert channel.kind == ChannelKind.INTRODUCTION
    assert set(channel.organisations.all()) == {vendor, buyer}
    assert can_read(seller, channel) and can_read(asker, channel)
    assert not can_read(outsider, channel)


def test_event_channel_holds_exactly_the_confirmed_participants(django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    org = make_org(OrganisationKind.USER_COMPANY)
    first, second = make_participant(org), make_participant(make_org())
    with django_capture_on_commit_callbacks(execute=True):
        seat = do_register(event=event, user=first, organisation=org)
        do_register(event=event, user=second, organisation=None)

    channel = Channel.objects.get(key=f"event:{event.pk}")
    assert channel.kind == ChannelKind.EVENT
    assert can_read(first, channel)
    assert not can_read(second, channel), "a wait-listed participant is not in the channel"

    with django_capture_on_commit_callbacks(execute=True):
        do_cancel_registration(seat, by=first)

    assert not can_read(first, channel)
