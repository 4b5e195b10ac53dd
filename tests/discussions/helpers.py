"""Helpers for talking to the chat consumer in tests: a logged-in ``WebsocketCommunicator`` through the project's
real ASGI application (origin check, session authentication), and frame collection with bounded waits."""

import json
from typing import Any

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from tests.factories import login

WS_PATH = "/ws/discussions/"


def session_cookie(user) -> str:
    client = login(Client(), user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class ChatClient:
    """A logged-in chat connection that keeps every frame it received, in order."""

    def __init__(self, communicator: WebsocketCommunicator) -> None:
        self.ws = communicator
        self.frames: list[dict[str, Any]] = []
        self._cursor = 0

    async def send(self, **frame: Any) -> None:
        await self.ws.send_json_to(frame)

    async def send_raw(self, text: str) -> None:
        await self.ws.send_to(text_data=text)

    async def next(self, timeout: float = 3.0) -> dict[str, Any]:
        """The next frame not yet returned (from what arrived already, else waiting up to ``timeout``)."""
        if self._cursor >= len(self.frames):
            self.frames.append(json.loads(await self.ws.receive_from(timeout)))
        frame = self.frames[self._cursor]
        self._cursor += 1
        return frame

    async def until(self, frame_type: str, timeout: float = 3.0, **match: Any) -> dict[str, Any]:
        """Skip frames until one of ``frame_type`` (matching ``match``) arrives; fail after ``timeout`` each."""
        for _ in range(1000):
            frame = await self.next(timeout)
            if frame.get("type") == frame_type and all(frame.get(k) == v for k, v in match.items()):
                return frame
        raise AssertionError(f"no {frame_type} frame")

    async def collect_until(
        self, frame_type: str, timeout: float = 3.0, **match: Any
    ) -> list[dict[str, Any]]:
        """Every frame up to and including the first ``frame_type`` one."""
        seen = []
        for _ in range(5000):
            frame = await self.next(timeout)
            seen.append(frame)
            if frame.get("type") == frame_type and all(frame.get(k) == v for k, v in match.items()):
                return seen
        raise AssertionError(f"no {frame_type} frame")

    async def nothing(self, timeout: float = 0.3) -> bool:
        return await self.ws.receive_nothing(timeout)

    async def subscribe(self, slug: str, after: int | None = None, **extra: Any) -> list[dict[str, Any]]:
        """Subscribe and return the backlog ``message`` frames (the ``subscribed`` frame is kept in ``last``)."""
        frame: dict[str, Any] = {"type": "subscribe", "channel": slug, **extra}
        if after is not None:
            frame["after"] = after
        await self.ws.send_json_to(frame)
        frames = await self.collect_until("subscribed", channel=slug)
        self.last = frames[-1]
        errors = [f for f in frames if f["type"] == "error"]
        assert not errors, errors
        return [f for f in frames if f["type"] == "message" and f["channel"] == slug]

    async def close(self) -> None:
        await self.ws.disconnect()


async def connect(user=None, *, origin: str = "http://testserver") -> tuple[bool, ChatClient]:
    """Open a chat connection as ``user`` (anonymous when None). Returns (accepted, client)."""
    from cpsplatform.asgi import application

    headers = [(b"host", b"testserver"), (b"origin", origin.encode())]
    if user is not None:
        cookie = await database_sync_to_async(session_cookie)(user)
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    communicator = WebsocketCommunicator(application, WS_PATH, headers=headers)
    accepted, _ = await communicator.connect(timeout=5)
    client = ChatClient(communicator)
    if accepted:
        hello = await client.next()
        assert hello["type"] == "hello"
    return accepted, client
