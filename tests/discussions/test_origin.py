"""A chat WebSocket opens only from the site's own origin (scheme, host and port) or a CSRF-trusted one.

Through the project's ASGI application with a logged-in user's session cookie, so a refusal can only come from the
origin check.
"""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings

from cpsplatform.organisations.models import OrganisationKind

from .conftest import make_org, make_person
from .helpers import WS_PATH, session_cookie

pytestmark = [pytest.mark.django_db(transaction=True)]


async def opens(origin: str | None, *, host: str = "testserver", scheme: str = "ws", **headers: str) -> bool:
    from cpsplatform.asgi import application

    cookie = await database_sync_to_async(member_cookie)()
    raw = [(b"host", host.encode()), (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode())]
    if origin is not None:
        raw.append((b"origin", origin.encode()))
    raw += [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    communicator = WebsocketCommunicator(application, WS_PATH, headers=raw)
    communicator.scope["scheme"] = scheme
    accepted, _ = await communicator.connect(timeout=5)
    if accepted:
        await communicator.disconnect()
    return accepted


def member_cookie() -> str:
    """The session cookie of a new member of a user company: someone the chat accepts from the right origin."""
    return session_cookie(make_person(make_org(OrganisationKind.USER_COMPANY)))


async def test_the_sites_own_origin_opens_the_chat():
    assert await opens("http://testserver")
    assert await opens("http://127.0.0.1:8000", host="127.0.0.1:8000")


@pytest.mark.parametrize(
    "origin",
    [
        "http://testserver:8080",  # same host, another port: another origin
        "https://testserver",  # same host, another scheme
        "http://testserver.evil.example",
        "http://evil.example",
        "null",
        "http://testserver/some/page",
        "http://testserver:notaport",
    ],
)
async def test_an_origin_that_differs_in_scheme_host_or_port_is_refused(origin):
    assert not await opens(origin)


async def test_same_host_with_another_port_is_refused_behind_a_port_too():
    assert not await opens("http://127.0.0.1:8001", host="127.0.0.1:8000")


async def test_a_handshake_without_origin_is_refused():
    assert not await opens(None)


async def test_a_host_outside_allowed_hosts_is_refused_even_when_origin_matches_it():
    assert not await opens("http://evil.example", host="evil.example")


async def test_a_tls_connection_needs_an_https_origin():
    assert await opens("https://testserver", scheme="wss")
    assert not await opens("http://testserver", scheme="wss")


async def test_the_forwarded_scheme_counts_only_when_the_proxy_is_trusted(settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    assert not await opens("https://testserver", x_forwarded_proto="https")

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert await opens("https://testserver", x_forwarded_proto="https")
    assert not await opens("http://testserver", x_forwarded_proto="https")


async def test_csrf_trusted_origins_are_matched_with_their_port(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://chat.example.org", "https://*.example.net:8443"]

    assert await opens("https://chat.example.org")
    assert await opens("https://chat.example.org:443")
    assert not await opens("https://chat.example.org:8443")
    assert not await opens("http://chat.example.org")
    assert await opens("https://a.example.net:8443")
    assert await opens("https://example.net:8443")
    assert not await opens("https://a.example.net")
    assert not await opens("https://a.example.net.evil.example:8443")
