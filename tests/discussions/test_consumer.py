"""The chat consumer through the project's ASGI application, on the real Redis channel layer and database."""

import asyncio
import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from cpsplatform.discussions import services
from cpsplatform.discussions.models import ChannelKind, Message
from cpsplatform.organisations.models import Membership, OrganisationKind

from .conftest import make_org, make_person
from .helpers import connect

pytestmark = [pytest.mark.django_db(transaction=True)]

db = database_sync_to_async


@pytest.fixture(autouse=True)
async def clean_layer():
    yield
    await get_channel_layer().flush()


def _public_room(n_messages: int = 0):
    org = make_org(OrganisationKind.USER_COMPANY)
    alice = make_person(org, display_name="Alice")
    bob = make_person(org, display_name="Bob")
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="SME worries", created_by=alice)
    for i in range(n_messages):
        services.do_send_message(channel, alice, body=f"message {i + 1}", topic="budget")
    return channel, alice, bob


async def test_anonymous_and_foreign_origin_connections_are_refused():
    channel, alice, _ = await db(_public_room)()
    accepted, _ = await connect(None)
    assert not accepted
    accepted, _ = await connect(alice, origin="http://evil.example")
    assert not accepted


async def test_subscribe_sends_backlog_after_seq_in_order_then_live():
    channel, alice, bob = await db(_public_room)(5)
    _, client = await connect(bob)
    backlog = await client.subscribe(channel.slug, after=2)
    assert [m["seq"] for m in backlog] == [3, 4, 5]
    assert client.last["last_seq"] == 5
    await db(services.do_send_message)(channel, alice, body="live one")
    live = await client.until("message")
    assert live["seq"] == 6 and live["html"] == "live one"
    assert await client.nothing()
    await client.close()


async def test_first_visit_gets_the_latest_page_and_can_scroll_back():
    channel, alice, bob = await db(_public_room)(60)
    _, client = await connect(bob)
    backlog = await client.subscribe(channel.slug)
    assert [m["seq"] for m in backlog] == list(range(11, 61))
    assert client.last["has_more_before"] is True
    await client.send(type="history", channel=channel.slug, before=11, limit=50)
    page = await client.until("history")
    assert [m["seq"] for m in page["messages"]] == list(range(1, 11)) and page["has_more"] is False
    await client.close()


async def test_a_message_sent_reaches_other_subscribers_once_after_it_is_stored():
    channel, alice, bob = await db(_public_room)()
    _, a = await connect(alice)
    _, b = await connect(bob)
    await a.subscribe(channel.slug, after=0)
    await b.subscribe(channel.slug, after=0)
    await a.send(
        type="send", channel=channel.slug, body="Hello **all** https://ipa.go.jp", topic="intro", ref="r1"
    )
    ack = await a.until("ack", ref="r1")
    received = await b.until("message")
    assert ack["seq"] == received["seq"] == 1
    assert received["sender"]["name"] == "Alice" and received["topic"] == "intro"
    assert '<a href="https://ipa.go.jp" rel="noopener nofollow ugc" target="_blank">' in received["html"]
    assert await db(Message.objects.filter(channel=channel, seq=1).exists)()
    await a.send(type="send", channel=channel.slug, body="Hello **all** https://ipa.go.jp", ref="r1")
    again = await a.until("ack", ref="r1")
    assert again["seq"] == 1  # the resend is recognised, not posted twice
    assert await b.nothing()
    await a.close()
    await b.close()


async def test_bad_frames_get_error_frames_and_the_connection_stays_usable():
    channel, alice, bob = await db(_public_room)()
    _, client = await connect(alice)
    await client.subscribe(channel.slug, after=0)
    await client.send_raw("{not json")
    assert (await client.until("error"))["reason"] == "malformed_json"
    await client.send_raw("[1, 2]")
    assert (await client.until("error"))["reason"] == "malformed_frame"
    await client.send(type="shout", ref=7)
    error = await client.until("error")
    assert error["reason"] == "unknown_type" and error["ref"] == 7
    await client.send_raw(json.dumps({"type": "send", "channel": channel.slug, "body": "x" * 9000}))
    assert (await client.until("error"))["reason"] == "frame_too_large"
    await client.ws.send_to(bytes_data=b"\x00\x01")
    assert (await client.until("error"))["reason"] == "binary_unsupported"
    await client.send(type="send", channel=channel.slug, body="", ref="empty")
    assert (await client.until("error", ref="empty"))["reason"] == "invalid"
    await client.send(type="history", channel=channel.slug, before="yesterday", ref="h")
    assert (await client.until("error", ref="h"))["reason"] == "invalid"
    await client.send(type="send", channel=channel.slug, body="still here", ref="ok")
    assert (await client.until("ack", ref="ok"))["seq"] == 1
    assert (await client.until("message"))["body"] == "still here"
    await client.close()


async def test_a_flood_is_refused_frame_by_frame_and_nothing_valid_is_lost():
    channel, alice, bob = await db(_public_room)()
    _, client = await connect(alice)
    await client.subscribe(channel.slug, after=0)
    for n in range(60):
        await client.send(type="send", channel=channel.slug, body=f"flood {n}", ref=f"f{n}")
    outcomes: dict[str, str] = {}
    for _ in range(400):
        if len(outcomes) == 60:
            break
        frame = await client.next(timeout=10)
        if frame["type"] in {"ack", "error"} and str(frame.get("ref", "")).startswith("f"):
            outcomes[frame["ref"]] = frame["type"] if frame["type"] == "ack" else frame["reason"]
    assert len(outcomes) == 60
    assert "rate_limited" in outcomes.values()
    acked = {ref for ref, outcome in outcomes.items() if outcome == "ack"}
    stored = await db(
        lambda: set(Message.objects.filter(channel=channel).values_list("client_ref", flat=True))
    )()
    assert stored == acked  # every frame was either stored and acknowledged or refused with its ref
    await asyncio.sleep(1.0)
    await client.send(type="send", channel=channel.slug, body="after the flood", ref="calm")
    assert (await client.until("ack", ref="calm"))["type"] == "ack"
    await client.close()


async def test_removing_a_member_drops_the_live_subscription_at_once():
    def setup():
        org = make_org()
        host, guest = make_person(org), make_person(org)
        channel = services.do_create_channel(kind=ChannelKind.PRIVATE, name="Board", created_by=host)
        services.do_add_member(channel, guest, added_by=host)
        return channel, host, guest

    channel, host, guest = await db(setup)()
    _, client = await connect(guest)
    await client.subscribe(channel.slug, after=0)
    await db(services.do_remove_member)(channel, guest, removed_by=host)
    dropped = await client.until("unsubscribed")
    assert dropped == {"type": "unsubscribed", "channel": channel.slug, "reason": "removed"}
    await db(services.do_send_message)(channel, host, body="secret plans")
    assert await client.nothing(0.5)
    await client.send(type="subscribe", channel=channel.slug, after=0, ref="again")
    assert (await client.until("error", ref="again"))["reason"] == "not_found"
    await client.close()


async def test_leaving_an_organisation_drops_its_introduction_channel_at_once():
    def setup():
        vendor, buyer = make_org(OrganisationKind.VENDOR), make_org(OrganisationKind.USER_COMPANY)
        seller, leaver = make_person(vendor), make_person(buyer)
        channel = services.do_create_channel(
            kind=ChannelKind.INTRODUCTION, name="Intro", organisations=[vendor, buyer], key="introduction:9"
        )
        return channel, seller, leaver

    channel, seller, leaver = await db(setup)()
    _, client = await connect(leaver)
    await client.subscribe(channel.slug, after=0)
    await db(lambda: Membership.objects.filter(user=leaver).delete())()
    dropped = await client.until("unsubscribed")
    assert dropped["channel"] == channel.slug and dropped["reason"] == "removed"
    await client.until("channels_changed")
    await db(services.do_send_message)(channel, seller, body="pricing details")
    assert await client.nothing(0.5)
    await client.close()


async def test_lost_live_events_are_filled_from_the_database():
    channel, alice, bob = await db(_public_room)(1)
    _, client = await connect(bob)
    await client.subscribe(channel.slug, after=1)

    def send_unannounced():
        # The channel layer loses the event (as when Redis restarts): the message is only in the database.
        from django.test import override_settings

        with override_settings(
            CHANNEL_LAYERS={"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
        ):
            services.do_send_message(channel, alice, body="lost event")

    await db(send_unannounced)()
    assert await client.nothing(0.3)
    await db(services.do_send_message)(channel, alice, body="next one")
    first, second = await client.until("message"), await client.until("message")
    assert (first["seq"], first["body"]) == (2, "lost event")
    assert (second["seq"], second["body"]) == (3, "next one")
    await db(send_unannounced)()
    await client.send(type="ping", ref="p")
    frames = await client.collect_until("pong")
    assert [f["seq"] for f in frames if f["type"] == "message"] == [4]
    await client.close()


async def test_reconnect_with_changes_after_catches_up_on_edits_and_deletions():
    channel, alice, bob = await db(_public_room)(3)
    _, client = await connect(bob)
    await client.subscribe(channel.slug, after=0)
    last_change = client.last["last_change"]
    await client.close()

    def change_things():
        first, second = Message.objects.filter(channel=channel).order_by("seq")[:2]
        services.do_edit_message(first, alice, body="message 1 (fixed)")
        services.do_delete_message(second, alice)
        services.do_send_message(channel, alice, body="message 4")

    await db(change_things)()
    _, client = await connect(bob)
    await client.ws.send_json_to(
        {"type": "subscribe", "channel": channel.slug, "after": 3, "changes_after": last_change}
    )
    frames = await client.collect_until("subscribed")
    kinds = [(f["type"], f.get("seq")) for f in frames if f["type"].startswith("message")]
    assert kinds == [("message", 4), ("message_updated", 1), ("message_updated", 2)]
    updated = {f["seq"]: f for f in frames if f["type"] == "message_updated"}
    assert updated[1]["edited"] and updated[1]["body"] == "message 1 (fixed)"
    assert updated[2]["deleted"] and updated[2]["body"] == "" and updated[2]["html"] == ""
    await client.close()


async def test_edit_delete_react_and_hide_reach_subscribers_as_updates():
    channel, alice, bob = await db(_public_room)(1)
    _, a = await connect(alice)
    _, b = await connect(bob)
    await a.subscribe(channel.slug, after=1)
    await b.subscribe(channel.slug, after=1)
    await a.send(type="edit", channel=channel.slug, seq=1, body="edited text", ref="e")
    update = await b.until("message_updated")
    assert update["edited"] and update["body"] == "edited text"
    await b.send(type="edit", channel=channel.slug, seq=1, body="not mine", ref="x")
    assert (await b.until("error", ref="x"))["reason"] == "forbidden"
    assert (await a.until("message_updated"))["body"] == "edited text"
    await b.send(type="react", channel=channel.slug, seq=1, emoji="👍", ref="r")
    update = await a.until("message_updated")
    assert update["reactions"] == [{"emoji": "👍", "users": [bob.pk]}]
    await b.send(type="hide", channel=channel.slug, seq=1, reason="off topic", ref="h")
    assert (await b.until("error", ref="h"))["reason"] == "forbidden"
    await a.send(type="hide", channel=channel.slug, seq=1, reason="off topic", ref="h2")
    update = await b.until("message_updated", hidden=True)
    assert update["hidden_reason"] == "off topic" and update["body"] == ""
    await a.close()
    await b.close()


async def test_typing_and_presence_reach_the_others_only():
    channel, alice, bob = await db(_public_room)()
    _, a = await connect(alice)
    await a.subscribe(channel.slug, after=0)
    _, b = await connect(bob)
    await b.subscribe(channel.slug, after=0)
    assert {p["id"] for p in b.last["info"]["online"]} == {alice.pk, bob.pk}
    joined = await a.until("presence")
    assert joined["user"]["id"] == bob.pk and joined["online"] is True
    await b.send(type="typing", channel=channel.slug, topic="budget")
    typing = await a.until("typing")
    assert typing["user"]["name"] == "Bob" and typing["topic"] == "budget"
    assert not [f for f in b.frames if f["type"] == "typing"]
    await b.close()
    left = await a.until("presence")
    assert left["user"]["id"] == bob.pk and left["online"] is False
    await a.close()


async def test_mentions_notify_the_person_and_read_marks_sync_their_pages():
    channel, alice, bob = await db(_public_room)()
    _, a = await connect(alice)
    _, b1 = await connect(bob)
    _, b2 = await connect(bob)
    await a.send(type="send", channel=channel.slug, body="@**Bob** could you check?", topic="audit", ref="m")
    mention = await b1.until("mention")
    assert mention["channel"] == channel.slug and mention["sender"] == "Alice" and mention["seq"] == 1
    await b2.send(type="channels", ref="c")
    listing = await b2.until("channels")
    row = next(c for c in listing["channels"] if c["slug"] == channel.slug)
    assert row["unread"] == 1 and listing["inbox"][0]["topic"] == "audit"
    await b1.send(type="mark_read", channel=channel.slug, seq=1, ref="mr")
    assert (await b2.until("read"))["seq"] == 1
    await a.close()
    await b1.close()
    await b2.close()


async def test_policy_channel_readers_cannot_post_but_policy_staff_can():
    def setup():
        agency, company = make_org(OrganisationKind.PUBLIC_AGENCY), make_org()
        staff = make_person(agency, is_policy_staff=True)
        member = make_person(company)
        channel = services.do_create_channel(kind=ChannelKind.POLICY, name="METI policy", created_by=staff)
        return channel, staff, member

    channel, staff, member = await db(setup)()
    _, m = await connect(member)
    await m.subscribe(channel.slug, after=0)
    assert m.last["info"]["can_post"] is False
    await m.send(type="send", channel=channel.slug, body="my view", ref="v")
    assert (await m.until("error", ref="v"))["reason"] == "forbidden"
    _, s = await connect(staff)
    await s.send(type="send", channel=channel.slug, body="Consultation opens today", ref="s")
    await s.until("ack", ref="s")
    assert (await m.until("message"))["body"] == "Consultation opens today"
    await m.close()
    await s.close()


async def test_the_longest_message_in_japanese_fits_in_one_frame():
    channel, alice, bob = await db(_public_room)()
    _, client = await connect(alice)
    await client.subscribe(channel.slug, after=0)
    body = "脆" * 2000  # 6000 bytes in UTF-8, as a browser sends it (JSON.stringify leaves it unescaped)
    frame = {"type": "send", "channel": channel.slug, "body": body, "ref": "long"}
    await client.send_raw(json.dumps(frame, ensure_ascii=False))
    assert (await client.until("ack", ref="long"))["seq"] == 1
    assert (await client.until("message"))["body"] == body
    frame = {"type": "send", "channel": channel.slug, "body": body + "弱", "ref": "too-long"}
    await client.send_raw(json.dumps(frame, ensure_ascii=False))
    assert (await client.until("error", ref="too-long"))["reason"] == "invalid"
    await client.close()
