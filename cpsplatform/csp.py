"""Content-Security-Policy for every response: the browser runs only the site's own script files.

Django 5.2 has no CSP support of its own, so this middleware sends the header. Pages carry no inline ``<script>``
and no ``on*=`` handlers (behaviour lives in ``static/``), so ``script-src 'self'`` is all they need; a script that
reaches a page through stored text would not run even if escaping failed somewhere. The chat connects to its
WebSocket on the same host, which ``connect-src`` allows explicitly (older browsers do not count ``ws:``/``wss:``
as ``'self'``).

Two deliberate relaxations, each for a reason:

* ``style-src`` allows inline styles: a few templates still use ``style=`` attributes. Injected styles cannot run
  code; moving them into ``static/css`` would let this be tightened to ``'self'``.
* Under ``settings.CSP_ADMIN_PREFIXES`` (the Wagtail admin) the script, style, image and connection
  rules are left out: those admin pages run inline scripts we do not write, and only staff reach them. They still
  get the rules that cost nothing there (``object-src``, ``base-uri``, ``frame-ancestors``, ``form-action``).

``CSP_REPORT_ONLY`` sends the same policy as ``Content-Security-Policy-Report-Only``, to try a change on a live
site without breaking pages. A view may set its own header; it is then left as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

#: Rules for every page, the admin included.
BASE_DIRECTIVES: dict[str, str] = {
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'self'",
    "form-action": "'self'",
}

#: Rules for the site's own pages (everything outside the admin prefixes).
SITE_DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self' {websocket}",
    **BASE_DIRECTIVES,
}


def header_name() -> str:
    return "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"


def policy_for(request: HttpRequest) -> str:
    """The policy for this request's path; the WebSocket origin is this request's own host."""
    if request.path.startswith(tuple(settings.CSP_ADMIN_PREFIXES)):
        directives = BASE_DIRECTIVES
    else:
        host = request.get_host()
        websocket = f"wss://{host}" if request.is_secure() else f"ws://{host} wss://{host}"
        directives = {name: value.format(websocket=websocket) for name, value in SITE_DIRECTIVES.items()}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        name = header_name()
        if name not in response:
            response[name] = policy_for(request)
        return response
