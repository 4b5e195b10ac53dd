"""The header's live counts (``/ws/notifications/``) through the project's ASGI application, on the real Redis
channel layer and database: a notification or a chat message for the person reaches every page they have open."""

import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings

from cpsplatform.discussions import messaging
from cpsplatform.discussions import services as chat_services
from cpsplatform.discussions.models import ChannelKind
from cpsplatform.notifications import services
from cpsplatform.organisations.models import OrganisationKind
from tests.discussions.conftest import make_org, make_person, redis_layer_settings
from tests.discussions.helpers import session_cookie

from .conftest import PING

pytestmark = [pytest.mark.django_db(transaction=True)]

db = database_sync_to_async
WS_PATH = "/ws/notifications/"


@pytest.fixture(autouse=True)
async def redis_layer(settings):
    settings.CHANNEL_LAYERS = redis_layer_settings()
    yield
    await get_channel_layer().flush()


async def open_socket(user=None) -> tuple[bool, WebsocketCommunicator]:
    from cpsplatform.asgi import application

    headers = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
    if user is not None:
        cookie = await db(session_cookie)(user)
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    communicator = WebsocketCommunicator(application, WS_PATH, headers=headers)
    accepted, _ = await communicator.connect(timeout=5)
    return accepted, communicator


async def next_counts(ws: WebsocketCommunicator, timeout: float = 5.0) -> dict:
    frame = json.loads(await ws.receive_from(timeout))
    assert frame["type"] == "counts"
    return frame


async def test_anonymous_visitors_get_no_socket():
    accepted, ws = await open_socket(None)
    assert not accepted
    await ws.disconnect()


async def test_a_notification_reaches_the_persons_open_page_and_nobody_elses():
    org = await db(make_org)(OrganisationKind.USER_COMPANY)
    bob = await db(make_person)(org, display_name="Bob")
    carol = await db(make_person)(org, display_name="Carol")
    accepted, bob_ws = await open_socket(bob)
    assert accepted
    assert await next_counts(bob_ws) == {"type": "counts", "notifications": 0, "chat": 0}
    _, carol_ws = await open_socket(carol)
    await next_counts(carol_ws)

    await db(services.notify)([bob], PING, params={"who": "Aiko", "what": "the PLC"})
    assert (await next_counts(bob_ws))["notifications"] == 1
    assert await carol_ws.receive_nothing(0.5)

    await db(services.do_mark_all_read)(bob)
    assert (await next_counts(bob_ws))["notifications"] == 0
    await bob_ws.disconnect()
    await carol_ws.disconnect()


async def test_unread_chat_count_follows_new_messages_and_reading():
    org = await db(make_org)(OrganisationKind.USER_COMPANY)
    alice = await db(make_person)(org, display_name="Alice")
    bob = await db(make_person)(org, display_name="Bob")
    channel = await db(chat_services.do_create_channel)(
        kind=ChannelKind.PUBLIC, name="SME worries", created_by=alice
    )
    _, bob_ws = await open_socket(bob)
    assert (await next_counts(bob_ws))["chat"] == 0

    await db(messaging.do_send_message)(channel, alice, body="first", topic="budget")
    await db(messaging.do_send_message)(channel, alice, body="second", topic="budget")
    counts = await next_counts(bob_ws)
    if counts["chat"] == 1:  # the two messages may arrive in two recounts
        counts = await next_counts(bob_ws)
    assert counts["chat"] == 2

    await db(messaging.do_mark_read)(channel, bob, seq=2)
    assert (await next_counts(bob_ws))["chat"] == 0
    await bob_ws.disconnect()
