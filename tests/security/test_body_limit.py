"""Issue 10, defect 4: request bodies over a route's limit are refused with 413 by a real daphne server, whether
the size is declared (``Content-Length``) or not (chunked), and the server's memory stays bounded.

Memory is judged by the server's peak resident size (``VmHWM`` in ``/proc/<pid>/status``). daphne and twisted
receive the whole body before any application code runs and hand it over in memory: measured here, the peak grows
by about the body's size with a ``Content-Length`` and about three times it when chunked, with or without this
limit. That part only the reverse proxy can prevent (nginx ``client_max_body_size``); the bound below catches
anything of ours that reads or parses an oversized body on top of it.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from cpsplatform.edge.body import FORM_BODY_MAX_BYTES, body_limit_for
from tests.discussions.conftest import CHAT_REDIS_URL
from tests.discussions.live import DaphneServer, shared_database_url

MB = 1024 * 1024
CHUNKED_BODY_BYTES = 64 * MB


@pytest.fixture
def server(transactional_db, tmp_path):
    with shared_database_url() as database_url:
        daphne = DaphneServer(database_url, CHAT_REDIS_URL, workdir=tmp_path).start()
        try:
            yield daphne
        finally:
            daphne.stop()


def _peak_rss(pid: int) -> int:
    """The process's peak resident set size in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) * 1024


def _read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    length = int(headers.get("content-length", ["0"])[0])
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body


def _get_login_cookies(server: DaphneServer) -> str:
    """A csrftoken cookie and its form token, as a browser would hold them before posting the login form."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(f"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        status, headers, _ = _read_response(sock)
    assert status == 200
    cookie = next(c for c in headers["set-cookie"] if c.startswith("csrftoken="))
    return cookie.split(";", 1)[0]


def _send(server: DaphneServer, head: str, body_parts) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=120) as sock:
        sock.sendall(head.encode())
        for part in body_parts:
            sock.sendall(part)
        status, _, body = _read_response(sock)
    return status, body


def test_every_route_has_a_limit_and_forms_get_the_small_one():
    assert body_limit_for("/accounts/login/") == FORM_BODY_MAX_BYTES == MB
    assert body_limit_for("/events/organise/1/materials/") > 30 * MB
    assert body_limit_for("/marketplace/dashboard/listings/1/images/") > 5 * MB
    assert body_limit_for("/cms/images/multiple/add/") >= 30 * MB
    assert body_limit_for("/no/such/route/") == FORM_BODY_MAX_BYTES


def test_a_declared_oversized_login_post_is_refused_with_413_and_a_small_one_is_not(server):
    cookie = _get_login_cookies(server)
    body = b"login=a&password=" + b"x" * (4 * MB)
    head = (
        f"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nCookie: {cookie}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    status, answer = _send(server, head, [body])
    assert status == 413
    assert "MB" in answer.decode()

    # A login form of ordinary size still reaches the form (a wrong password: no 413, no error).
    token = cookie.split("=", 1)[1]
    body = f"csrfmiddlewaretoken={token}&login=nobody%40example.com&password=wrong".encode()
    head = (
        f"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nCookie: {cookie}\r\n"
        f"Referer: http://127.0.0.1:{server.port}/accounts/login/\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    status, _ = _send(server, head, [body])
    assert status < 500 and status != 413


def test_a_chunked_oversized_login_post_is_refused_with_413_without_being_read_into_memory(server):
    cookie = _get_login_cookies(server)
    token = cookie.split("=", 1)[1]
    peak_before = _peak_rss(server.process.pid)
    piece = b"x" * (256 * 1024)

    def chunks():
        first = f"csrfmiddlewaretoken={token}&login=a&password=".encode()
        yield f"{len(first):x}\r\n".encode() + first + b"\r\n"
        for _ in range(CHUNKED_BODY_BYTES // len(piece)):
            yield f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        yield b"0\r\n\r\n"

    head = (
        f"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nCookie: {cookie}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    status, _ = _send(server, head, chunks())
    growth = _peak_rss(server.process.pid) - peak_before
    assert status == 413
    # What remains is daphne's and twisted's own handling of the received chunked body (about 3x, see above).
    assert growth < 4 * CHUNKED_BODY_BYTES, f"peak RSS grew by {growth / MB:.0f} MB"
