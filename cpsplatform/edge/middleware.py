"""Refuse NUL characters and undecodable text in query strings and form fields before any view reads them.

Django decodes form data leniently (invalid UTF-8 becomes U+FFFD) but keeps NUL characters, which PostgreSQL
cannot store or compare: a ``?q=%00`` in a search box, or a NUL in a slug, used to end in a 500. Instead of
guarding every view, the raw query string and url-encoded bodies are checked here, once, and refused with a 400
that says what is wrong. Multipart bodies are checked after Django has parsed them (NUL in any field or file name).
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def _raw_pairs_are_clean(raw: bytes) -> bool:
    """Whether every key and value of a url-encoded string decodes as UTF-8 and holds no NUL."""
    for part in raw.split(b"&"):
        if not part:
            continue
        try:
            decoded = unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return False
        if "\x00" in decoded:
            return False
    return True


def _query_bytes(query: str) -> bytes:
    """The query string's bytes (servers hand it over as latin-1 or ASCII; a lone surrogate stays detectable)."""
    try:
        return query.encode("latin-1")
    except UnicodeEncodeError:
        return query.encode("utf-8", errors="surrogatepass")


def check_request_text(request: HttpRequest) -> str | None:
    """The reason to refuse ``request`` (a translated sentence), or None when its text is acceptable."""
    query = request.META.get("QUERY_STRING", "")
    if query and not _raw_pairs_are_clean(_query_bytes(query)):
        return _("The address contains a NUL character or text that is not valid UTF-8.")
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    if content_type == URLENCODED:
        if not _raw_pairs_are_clean(request.body):
            return _("The form contains a NUL character or text that is not valid UTF-8.")
    elif content_type == MULTIPART:
        fields = [value for key in request.POST for value in [key, *request.POST.getlist(key)]]
        files = [upload.name or "" for key in request.FILES for upload in request.FILES.getlist(key)]
        if any("\x00" in value for value in fields + files):
            return _("The form contains a NUL character.")
    return None


class CleanInputMiddleware:
    """Answer 400 (with the reason) to a request whose query string or form fields carry NUL or invalid text."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = check_request_text(request)
        if reason is not None:
            return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
