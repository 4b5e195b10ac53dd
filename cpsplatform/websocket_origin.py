"""Which web pages may open a WebSocket to the site: the same origin rule Django's CSRF check applies to forms.

Browsers let any page open a WebSocket anywhere, sending the session cookie along; the ``Origin`` header is what
tells the server which page asks. Channels' ``AllowedHostsOriginValidator`` compares only the host name against
``ALLOWED_HOSTS``, so a page on ``http://example.org:8080`` (another service on the same machine, possibly not
ours) could chat as the visitor on ``https://example.org``. Here an origin counts only when scheme, host and port
all match: the site's own origin (the ``Host`` the browser connected to, itself allowed by ``ALLOWED_HOSTS``, with
the scheme the connection arrived on) or an entry of ``CSRF_TRUSTED_ORIGINS`` (``https://*.example.org`` matches
sub-domains on that scheme and port).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]  # scheme, lower-case host name (IPv6 without brackets), port


def parse_origin(text: str) -> Origin | None:
    """``scheme://host[:port]`` as a comparable triple, or None for anything else (``null``, paths, bad ports)."""
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname or parts.path not in ("", "/") or parts.query:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    return scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme]


def _header(scope: dict, name: bytes) -> list[str]:
    return [value.decode("latin1") for key, value in scope.get("headers", []) if key.lower() == name]


def _is_secure(scope: dict) -> bool:
    """TLS on the connection itself, or ``SECURE_PROXY_SSL_HEADER`` set by the trusted proxy (as for HTTP)."""
    if scope.get("scheme") in ("wss", "https"):
        return True
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if not proxy_header:
        return False
    meta_name, expected = proxy_header
    name = meta_name.removeprefix("HTTP_").replace("_", "-").lower().encode("latin1")
    values = _header(scope, name)
    return bool(values) and values[0].split(",")[0].strip() == expected


def own_origin(scope: dict) -> Origin | None:
    """The origin the browser connected to, when its ``Host`` is one of ``ALLOWED_HOSTS``."""
    hosts = _header(scope, b"host")
    if len(hosts) != 1:
        return None
    domain, _port = split_domain_port(hosts[0])
    allowed_hosts = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed_hosts:
        allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
    if not domain or not validate_host(domain, allowed_hosts):
        return None
    scheme = "https" if _is_secure(scope) else "http"
    return parse_origin(f"{scheme}://{hosts[0]}")


def trusted(origin: Origin, pattern: str) -> bool:
    """``origin`` is the ``CSRF_TRUSTED_ORIGINS`` entry ``pattern``, or a sub-domain of a ``*.`` entry."""
    scheme, _, rest = pattern.partition("://")
    wildcard = rest.startswith("*.")
    expected = parse_origin(f"{scheme}://{rest[2:] if wildcard else rest}")
    if expected is None:
        return False
    if not wildcard:
        return origin == expected
    return (
        origin[0] == expected[0]
        and origin[2] == expected[2]
        and (origin[1] == expected[1] or origin[1].endswith("." + expected[1]))
    )


def origin_allowed(scope: dict) -> bool:
    """Exactly one ``Origin`` header, naming the site's own origin or a trusted one."""
    origins = _header(scope, b"origin")
    if len(origins) != 1:
        return False
    origin = parse_origin(origins[0])
    if origin is None:
        return False
    if origin == own_origin(scope):
        return True
    return any(trusted(origin, pattern) for pattern in settings.CSRF_TRUSTED_ORIGINS)


class SameOriginValidator:
    """ASGI middleware for WebSocket routes: refuse the handshake (403) unless ``origin_allowed``."""

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            raise ValueError("SameOriginValidator only guards WebSocket connections")
        if origin_allowed(scope):
            return await self.application(scope, receive, send)
        return await WebsocketDenier()(scope, receive, send)
