"""Refuse oversized request bodies with 413 before Django reads them.

Django's ASGI handler reads the whole body before any middleware runs, and a url-encoded body sent without a
``Content-Length`` (chunked) is then read into memory and parsed in one piece: one anonymous 300 MB POST to the
login page took a server from 290 MB to 3.9 GB. This wrapper sits in front of the HTTP application: it finds the
route's limit, answers 413 at once when the declared ``Content-Length`` exceeds it, and otherwise counts the bytes
as they arrive and stops the request (413) as soon as the count passes the limit.

Ordinary forms get ``FORM_BODY_MAX_BYTES``. A view that accepts files declares its own limit with
``@accepts_upload(...)``; Wagtail's image and document uploads get ``WAGTAIL_UPLOAD_MAX_BYTES``. The reverse proxy
in front of the site should refuse what no route accepts (nginx ``client_max_body_size 32m;``) so that the server
never receives it at all: daphne itself holds a received body in memory while handing it to the application.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any

from django.core.handlers.asgi import ASGIRequest
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

MB = 1024 * 1024
FORM_BODY_MAX_BYTES = 1 * MB
# An upload route accepts twice its file limit plus room for the other fields and the multipart framing: a file a
# little over the limit still reaches the form, which explains the limit in place; a grossly larger one gets 413.
MULTIPART_SLACK_BYTES = 1 * MB
WAGTAIL_UPLOAD_MAX_BYTES = 32 * MB
WAGTAIL_UPLOAD_NAMESPACES = ("wagtailimages", "wagtaildocs")

Limit = int | Callable[[], int]


def accepts_upload(file_max_bytes: Limit) -> Callable:
    """Mark a view as an upload route whose body may carry one file of ``file_max_bytes`` (an int, or a callable
    returning one, read per request so that settings overrides apply)."""

    def decorate(view: Callable) -> Callable:
        view.upload_max_bytes = file_max_bytes
        return view

    return decorate


@functools.lru_cache(maxsize=2048)
def _route_limit(path: str) -> Limit:
    """The route's body limit, or its view's declared file limit (a callable is resolved per request)."""
    try:
        match = resolve(path)
    except Resolver404:
        return FORM_BODY_MAX_BYTES
    declared = getattr(match.func, "upload_max_bytes", None)
    if declared is not None:
        return declared if callable(declared) else functools.partial(int, declared)
    if any(namespace.startswith(WAGTAIL_UPLOAD_NAMESPACES) for namespace in match.namespaces):
        return WAGTAIL_UPLOAD_MAX_BYTES
    return FORM_BODY_MAX_BYTES


def body_limit_for(path: str) -> int:
    """The largest request body (bytes) the route at ``path`` accepts."""
    limit = _route_limit(path)
    return 2 * limit() + MULTIPART_SLACK_BYTES if callable(limit) else limit


def _declared_length(scope: dict[str, Any]) -> int | None | str:
    """The Content-Length header as an int, None when absent, "invalid" when it is not a number."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() and len(text) < 20 else "invalid"
    return None


def _refusal(scope: dict[str, Any], status: int, limit: int) -> bytes:
    request = ASGIRequest(scope, io.BytesIO())
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        if status == 413:
            return (
                _("The request is too large: this page accepts at most %(mb).1f MB.") % {"mb": limit / MB}
            ).encode()
        return _("The request's Content-Length header is not a number.").encode()


async def _answer(send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """ASGI middleware for the ``http`` scope: 413 for bodies over the route's limit, before they are buffered."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "/")
        root = scope.get("root_path", "")
        limit = body_limit_for(path[len(root) :] if root and path.startswith(root) else path)
        declared = _declared_length(scope)
        if declared == "invalid":
            await _answer(send, 400, _refusal(scope, 400, limit))
            return
        if declared is not None and declared > limit:
            await _answer(send, 413, _refusal(scope, 413, limit))
            return

        received = 0
        over = False
        started = False

        async def counted_receive():
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Django treats a disconnect while reading the body as an aborted request: it stops reading,
                    # drops what it has, and sends nothing; the 413 below is the answer.
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def tracked_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted_receive, tracked_send)
        if over and not started:
            await _answer(send, 413, _refusal(scope, 413, limit))
