"""For every kind of channel: someone outside it can neither subscribe to, read the history of, post to, act on,
nor open it — over the WebSocket and over HTTP. (Search: ``test_search.py``.)"""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.test import Client

from cpsplatform.discussions import services
from cpsplatform.discussions.models import ChannelKind, Message
from cpsplatform.organisations.models import OrganisationKind

from .conftest import make_org, make_person
from .helpers import connect

pytestmark = [pytest.mark.django_db(transaction=True)]
db = database_sync_to_async


def _public():
    insider = make_person(make_org())
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Open topic", created_by=insider)
    return channel, insider, make_person(None)  # not a member of any organisation


def _policy():
    staff = make_person(make_org(OrganisationKind.PUBLIC_AGENCY), is_policy_staff=True)
    channel = services.do_create_channel(kind=ChannelKind.POLICY, name="Policy", created_by=staff)
    return channel, staff, make_person(None)


def _vendors():
    insider = make_person(make_org(OrganisationKind.VENDOR))
    channel = services.do_create_channel(kind=ChannelKind.VENDORS, name="Teaming", created_by=insider)
    return channel, insider, make_person(make_org(OrganisationKind.USER_COMPANY))


def _users():
    insider = make_person(make_org(OrganisationKind.USER_COMPANY))
    channel = services.do_create_channel(kind=ChannelKind.USERS, name="Worries", created_by=insider)
    return channel, insider, make_person(make_org(OrganisationKind.VENDOR))


def _private():
    org = make_org()
    insider = make_person(org)
    channel = services.do_create_channel(kind=ChannelKind.PRIVATE, name="Board", created_by=insider)
    return channel, insider, make_person(org)  # same organisation, not invited


def _introduction():
    vendor, buyer = make_org(OrganisationKind.VENDOR), make_org(OrganisationKind.USER_COMPANY)
    insider = make_person(buyer)
    make_person(vendor)
    channel = services.do_create_channel(
        kind=ChannelKind.INTRODUCTION, name="Intro", organisations=[vendor, buyer], key="introduction:77"
    )
    return channel, insider, make_person(make_org(OrganisationKind.USER_COMPANY))


def _event():
    insider = make_person(make_org())
    channel = services.do_create_channel(kind=ChannelKind.EVENT, name="Session 4", key="event:4")
    services.do_add_member(channel, insider)
    return channel, insider, make_person(make_org())  # not registered


def _direct():
    org = make_org()
    insider, other = make_person(org), make_person(org)
    channel = services.do_open_direct(insider, [other])
    return channel, insider, make_person(org)


KINDS = {
    "public": _public,
    "policy": _policy,
    "vendors": _vendors,
    "users": _users,
    "private": _private,
    "introduction": _introduction,
    "event": _event,
    "direct": _direct,
}


@pytest.fixture(autouse=True)
async def clean_layer():
    yield
    await get_channel_layer().flush()


@pytest.mark.parametrize("kind", sorted(KINDS))
async def test_an_outsider_can_neither_subscribe_read_post_nor_act_in_the_channel(kind):
    def setup():
        channel, insider, outsider = KINDS[kind]()
        services.do_send_message(channel, insider, body="confidential: our budget is ¥3M", topic="budget")
        return channel, insider, outsider

    channel, insider, outsider = await db(setup)()
    _, spy = await connect(outsider)
    slug = channel.slug
    attempts = [
        {"type": "subscribe", "channel": slug, "after": 0},
        {"type": "history", "channel": slug},
        {"type": "send", "channel": slug, "body": "let me in"},
        {"type": "edit", "channel": slug, "seq": 1, "body": "changed"},
        {"type": "delete", "channel": slug, "seq": 1},
        {"type": "react", "channel": slug, "seq": 1, "emoji": "👍"},
        {"type": "report", "channel": slug, "seq": 1, "reason": "curious"},
        {"type": "hide", "channel": slug, "seq": 1, "reason": "curious"},
        {"type": "mark_read", "channel": slug, "seq": 1},
        {"type": "typing", "channel": slug},
        {"type": "presence", "channel": slug},
        {"type": "members", "channel": slug, "q": "a"},
        # Bad input gets the same answer: it must not reveal that the channel exists.
        {"type": "send", "channel": slug, "body": ""},
        {"type": "edit", "channel": slug, "seq": "one", "body": "x"},
        {"type": "mark_read", "channel": slug, "seq": -1},
    ]
    for n, frame in enumerate(attempts):
        await spy.send(**frame, ref=f"a{n}")
        answer = await spy.until("error", ref=f"a{n}")
        assert answer["reason"] == "not_found", (frame["type"], answer)
    assert not [f for f in spy.frames if f["type"] in {"message", "history", "subscribed"}]
    assert "budget" not in str(spy.frames)
    assert await db(Message.objects.filter(channel=channel).count)() == 1

    # A message posted now does not reach the outsider either.
    await db(services.do_send_message)(channel, insider, body="second secret")
    assert await spy.nothing(0.5)
    await spy.close()

    def page_status(user):
        client = Client()
        client.force_login(user)
        return client.get(f"/discussions/c/{slug}/").status_code

    assert await db(page_status)(outsider) == 404
    assert await db(page_status)(insider) == 200

    # ...while the insider, on the same terms, can.
    _, member = await connect(insider)
    backlog = await member.subscribe(slug, after=0)
    assert [m["body"] for m in backlog] == ["confidential: our budget is ¥3M", "second secret"]
    await member.close()
