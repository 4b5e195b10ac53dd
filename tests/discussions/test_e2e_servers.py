"""End to end: real daphne processes, real Redis, real WebSocket clients.

Each test shares its (committed) database with the servers it starts; clients run on a loop in a background
thread while the test crashes and restarts servers and Redis in its own thread.
"""

import asyncio

import pytest

from cpsplatform.discussions import services
from cpsplatform.discussions.models import ChannelKind, Message
from cpsplatform.organisations.models import OrganisationKind

from .conftest import CHAT_REDIS_URL, make_org, make_person
from .helpers import session_cookie
from .live import DaphneServer, LiveChatClient, LoopThread, RedisServer, layer_settings, shared_database_url


@pytest.fixture
def live_db(transactional_db):
    with shared_database_url() as url:
        yield url


@pytest.fixture
def loop():
    thread = LoopThread()
    yield thread
    thread.close()


@pytest.fixture
def cleanup():
    """Things to stop when the test ends, whatever happened."""
    stack: list = []
    yield stack
    for thing in reversed(stack):
        thing.stop()


def _room():
    org = make_org(OrganisationKind.USER_COMPANY)
    alice = make_person(org, display_name="Alice")
    bob = make_person(org, display_name="Bob")
    carol = make_person(org, display_name="Carol")
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Factory IoT", created_by=alice)
    return channel, alice, bob, carol


def _client(loop, servers, user, slug, *, ping_every: float = 1.0) -> LiveChatClient:
    client = LiveChatClient(servers, session_cookie(user), ping_every=ping_every)
    client.follow(slug)
    loop.run(client.start())
    loop.run(client.wait_subscribed())
    return client


def _send_many(loop, client, slug, bodies, *, wait: bool):
    async def go():
        refs = []
        for body in bodies:
            refs.append(await client.send_message(slug, body))
            await asyncio.sleep(0.01)
        if wait:
            for ref in refs:
                await client.wait_ack(ref)
        return refs

    return loop.run(go(), timeout=120)


def _stored(channel):
    return list(Message.objects.filter(channel=channel).order_by("seq").values_list("seq", "body"))


def _stop_clients(loop, *clients):
    for client in clients:
        loop.run(client.stop())


def test_a_client_ends_with_the_complete_ordered_history_across_a_server_crash(
    live_db, loop, cleanup, settings, tmp_path
):
    settings.CHANNEL_LAYERS = layer_settings(CHAT_REDIS_URL)
    channel, alice, bob, carol = _room()
    server = DaphneServer(live_db, CHAT_REDIS_URL, workdir=tmp_path).start()
    cleanup.append(server)
    a = _client(loop, [server], alice, channel.slug)
    b = _client(loop, [server], bob, channel.slug)

    _send_many(loop, a, channel.slug, [f"before {i}" for i in range(10)], wait=True)
    loop.run(b.wait_for_seq(channel.slug, 10))

    in_flight = _send_many(loop, a, channel.slug, [f"in flight {i}" for i in range(5)], wait=False)
    server.kill()  # mid-conversation: some of those may be stored, none need be acknowledged
    queued = _send_many(loop, a, channel.slug, [f"while down {i}" for i in range(5)], wait=False)
    services.do_send_message(channel, carol, body="posted elsewhere while the server was down")
    server.start()

    for ref in in_flight + queued:
        loop.run(a.wait_ack(ref))
    stored = _stored(channel)
    loop.run(b.wait_for_seq(channel.slug, len(stored)))
    _stop_clients(loop, a, b)

    assert [seq for seq, _ in stored] == list(range(1, 22))
    alice_bodies = [body for _, body in stored if not body.startswith("posted")]
    assert alice_bodies == [f"before {i}" for i in range(10)] + [f"in flight {i}" for i in range(5)] + [
        f"while down {i}" for i in range(5)
    ]
    assert [(f["seq"], f["body"]) for f in b.received[channel.slug]] == stored
    assert b.duplicates == [] and b.gaps == []
    assert b.connections >= 2 and a.connections >= 2


def test_a_message_sent_through_one_server_reaches_a_client_on_another_and_a_worker_switch_loses_nothing(
    live_db, loop, cleanup, settings, tmp_path
):
    settings.CHANNEL_LAYERS = layer_settings(CHAT_REDIS_URL)
    channel, alice, bob, _ = _room()
    first = DaphneServer(live_db, CHAT_REDIS_URL, workdir=tmp_path).start()
    cleanup.append(first)
    second = DaphneServer(live_db, CHAT_REDIS_URL, workdir=tmp_path).start()
    cleanup.append(second)
    a = _client(loop, [first], alice, channel.slug, ping_every=30)
    b = _client(loop, [second, first], bob, channel.slug, ping_every=30)

    _send_many(loop, a, channel.slug, ["across processes"], wait=True)
    loop.run(b.wait_for_seq(channel.slug, 1, timeout=10))
    assert b.received[channel.slug][0]["body"] == "across processes"

    b.switch_server(1)  # its next connection goes to the first server
    second.kill()
    _send_many(loop, a, channel.slug, [f"during the switch {i}" for i in range(5)], wait=True)
    loop.run(b.wait_for_seq(channel.slug, 6))
    _send_many(loop, a, channel.slug, ["after the switch"], wait=True)
    loop.run(b.wait_for_seq(channel.slug, 7))
    _stop_clients(loop, a, b)

    assert [(f["seq"], f["body"]) for f in b.received[channel.slug]] == _stored(channel)
    assert b.duplicates == [] and b.gaps == [] and b.connections == 2


def test_a_redis_restart_loses_no_stored_message_and_clients_catch_up(
    live_db, loop, cleanup, settings, tmp_path
):
    redis = RedisServer(tmp_path).start()
    cleanup.append(redis)
    settings.CHANNEL_LAYERS = layer_settings(redis.url)
    channel, alice, bob, carol = _room()
    server = DaphneServer(live_db, redis.url, workdir=tmp_path).start()
    cleanup.append(server)
    a = _client(loop, [server], alice, channel.slug)
    b = _client(loop, [server], bob, channel.slug)
    _send_many(loop, a, channel.slug, [f"before {i}" for i in range(5)], wait=True)
    loop.run(b.wait_for_seq(channel.slug, 5))

    redis.stop()
    for i in range(3):  # stored; their live events are lost with Redis
        services.do_send_message(channel, carol, body=f"during the outage {i}")
    queued = _send_many(loop, a, channel.slug, ["queued by a client during the outage"], wait=False)
    redis.start()  # empty: every group membership is gone

    loop.run(a.wait_ack(queued[0]))
    _send_many(loop, a, channel.slug, ["after the restart"], wait=True)
    stored = _stored(channel)
    loop.run(b.wait_for_seq(channel.slug, len(stored)))
    _stop_clients(loop, a, b)

    assert len(stored) == 10 and [seq for seq, _ in stored] == list(range(1, 11))
    assert [(f["seq"], f["body"]) for f in b.received[channel.slug]] == stored
    assert b.duplicates == [] and b.gaps == []
