"""Real servers and a real WebSocket client for end-to-end chat tests.

- ``shared_database_url()``: a database URL another process can open that holds the test's data — the live test
  database on PostgreSQL, or (SQLite, whose test database lives in memory) a file the test's connection is moved to.
- ``DaphneServer``: ``daphne cpsplatform.asgi:application`` as a subprocess on a free loopback port; it can be
  killed (SIGKILL, a crash) and started again on the same port.
- ``RedisServer``: a throwaway ``redis-server`` of the test's own, which the test may stop and start.
- ``LiveChatClient``: a WebSocket client (the ``websockets`` package) that behaves like the page: it reconnects
  with back-off, resubscribes with the last sequence number it saw, resends unacknowledged messages with the same
  ``ref``, and records every frame so tests can check order and duplicates.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import websockets
from django.conf import settings
from django.db import connection

from cpsplatform.settings import redis_channel_layers
from scripts.localprocess import free_port, port_is_open

BASE_DIR = Path(settings.BASE_DIR)


@contextlib.contextmanager
def shared_database_url():
    """Yield a ``DATABASE_URL`` a server subprocess can use to see (and change) this test's database.

    Use with ``transactional_db``: data the test creates is committed, so the other process sees it.
    """
    params = connection.settings_dict
    if params["ENGINE"] == "django.db.backends.postgresql":
        user, password = params.get("USER") or "", params.get("PASSWORD") or ""
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        yield f"postgres://{auth}{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{params['NAME']}"
        return
    if not connection.is_in_memory_db():
        yield f"sqlite:///{params['NAME']}"
        return
    # The in-memory test database is copied to a file and this process's connection moved onto that file for the
    # duration of the test; the in-memory database is kept alive (and untouched) by holding its connection.
    connection.ensure_connection()
    memory_connection = connection.connection
    with tempfile.TemporaryDirectory(prefix="chat-e2e-") as tmp:
        path = Path(tmp) / "db.sqlite3"
        target = sqlite3.connect(path)
        memory_connection.backup(target)
        target.close()
        memory_name = params["NAME"]
        connection.connection = None
        params["NAME"] = str(path)
        try:
            yield f"sqlite:///{path}"
        finally:
            connection.close()
            params["NAME"] = memory_name
            connection.connection = memory_connection


def layer_settings(redis_url: str) -> dict:
    """The channel layer exactly as ``cpsplatform.settings`` builds it from ``REDIS_URL`` (servers use that)."""
    return redis_channel_layers(redis_url)


def _wait_for_port(
    port: int, process: subprocess.Popen | None, timeout: float, log: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_is_open(port):
            return
        if process is not None and process.poll() is not None:
            output = log.read_text()[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"server exited with {process.returncode}:\n{output}")
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout}s")


class DaphneServer:
    def __init__(self, database_url: str, redis_url: str, *, port: int | None = None, workdir: Path) -> None:
        self.port = port or free_port()
        self.env = {
            **os.environ,
            "PLATFORM_ENV": "test",
            "DJANGO_SETTINGS_MODULE": "cpsplatform.settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "LOG_LEVEL": "WARNING",
        }
        self.log = workdir / f"daphne-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/discussions/"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> DaphneServer:
        command = [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(self.port),
            "cpsplatform.asgi:application",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        _wait_for_port(self.port, self.process, timeout, self.log)
        return self

    def kill(self) -> None:
        """Crash the server (SIGKILL): no goodbyes to clients, no cleanup."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class RedisServer:
    """A redis-server of the test's own (no persistence): stopping it loses everything it held."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        command = [
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        command += ["--dir", str(self.workdir)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_port(self.port, self.process, 20)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class LiveChatClient:
    """A reconnecting chat client over a real WebSocket."""

    def __init__(self, servers: list[DaphneServer], cookie: str, *, ping_every: float = 20.0) -> None:
        self.servers = servers
        self.ping_every = ping_every  # reconnects go to the next server in the list (a worker switch)
        self.cookie = cookie
        self.server_index = 0
        self.last_seq: dict[str, int] = {}
        self.received: dict[str, list[dict[str, Any]]] = {}
        self.duplicates: list[dict[str, Any]] = []
        self.gaps: list[tuple[int, int]] = []
        self.errors: list[dict[str, Any]] = []
        self.pending: dict[str, dict[str, Any]] = {}
        self.acks: dict[str, asyncio.Future] = {}
        self.connections = 0
        self.subscribed = asyncio.Event()
        self._ws = None
        self._task: asyncio.Task | None = None
        self._stopping = False

    def follow(self, slug: str, after: int = 0) -> None:
        self.last_seq.setdefault(slug, after)
        self.received.setdefault(slug, [])

    def switch_server(self, index: int) -> None:
        self.server_index = index

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while not self._stopping:
            server = self.servers[self.server_index % len(self.servers)]
            try:
                async with websockets.connect(
                    server.url,
                    additional_headers={
                        "Cookie": f"{settings.SESSION_COOKIE_NAME}={self.cookie}",
                        "Origin": server.origin,
                    },
                    open_timeout=5,
                    ping_interval=None,
                    max_size=2**22,
                ) as ws:
                    self._ws = ws
                    self.connections += 1
                    for slug, after in self.last_seq.items():
                        await ws.send(json.dumps({"type": "subscribe", "channel": slug, "after": after}))
                    for frame in list(self.pending.values()):
                        await ws.send(json.dumps(frame))
                    pinger = asyncio.create_task(self._ping(ws))
                    try:
                        async for raw in ws:
                            self._handle(json.loads(raw))
                    finally:
                        pinger.cancel()
            except (TimeoutError, OSError, websockets.exceptions.WebSocketException):
                pass
            self._ws = None
            self.subscribed.clear()
            if not self._stopping:
                await asyncio.sleep(0.2)

    async def _ping(self, ws) -> None:
        """Like the page: a ping now and then keeps presence and lets the server fill gaps it may have missed."""
        with contextlib.suppress(websockets.exceptions.WebSocketException):
            while True:
                await asyncio.sleep(self.ping_every)
                await ws.send(json.dumps({"type": "ping"}))

    def _handle(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == "message":
            slug, seq = frame["channel"], frame["seq"]
            last = self.last_seq.get(slug, 0)
            if seq <= last:
                self.duplicates.append(frame)
                return
            if seq != last + 1:
                self.gaps.append((last, seq))
            self.received.setdefault(slug, []).append(frame)
            self.last_seq[slug] = seq
        elif kind == "subscribed":
            self.subscribed.set()
        elif kind == "ack":
            self.pending.pop(str(frame.get("ref")), None)
            future = self.acks.get(str(frame.get("ref")))
            if future is not None and not future.done():
                future.set_result(frame)
        elif kind == "error":
            self.errors.append(frame)

    async def send_message(self, slug: str, body: str, topic: str = "") -> str:
        """Queue a message (resent on every reconnect until acknowledged); returns its ref."""
        ref = uuid.uuid4().hex
        frame = {"type": "send", "channel": slug, "body": body, "topic": topic, "ref": ref}
        self.pending[ref] = frame
        self.acks[ref] = asyncio.get_running_loop().create_future()
        if self._ws is not None:
            with contextlib.suppress(websockets.exceptions.WebSocketException):
                await self._ws.send(json.dumps(frame))
        return ref

    async def wait_ack(self, ref: str, timeout: float = 30) -> dict[str, Any]:
        return await asyncio.wait_for(self.acks[ref], timeout)

    async def wait_for_seq(self, slug: str, seq: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.last_seq.get(slug, 0) < seq:
            if time.monotonic() > deadline:
                raise AssertionError(f"{slug}: got up to {self.last_seq.get(slug)}, expected {seq}")
            await asyncio.sleep(0.05)

    async def wait_subscribed(self, timeout: float = 30) -> None:
        await asyncio.wait_for(self.subscribed.wait(), timeout)

    async def stop(self) -> None:
        self._stopping = True
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task


class LoopThread:
    """An asyncio loop in a background thread, so a synchronous test can keep clients connected while it works
    with the database and the servers in its own thread."""

    def __init__(self) -> None:
        import threading

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="chat-e2e-loop", daemon=True)
        self.thread.start()

    def run(self, coroutine, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        async def _cancel_all():
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        with contextlib.suppress(Exception):
            self.run(_cancel_all(), timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()
