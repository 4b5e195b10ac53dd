"""System checks for the services the platform needs, with stable ids (``manage.py check`` lists them).

- ``cpsplatform.E001`` ELASTICSEARCH_HOSTS is empty or not http(s) URLs.
- ``cpsplatform.W001`` Elasticsearch does not answer (start it: ``python -m scripts.elasticsearch start``).
- ``cpsplatform.E002`` REDIS_URL is set but the default channel layer is not channels_redis on that URL.
- ``cpsplatform.E003`` no default channel layer is configured.
- ``cpsplatform.W004`` REDIS_URL is set but Redis does not answer.
- ``cpsplatform.W005`` (deploy) production uses the in-memory channel layer: chat breaks across workers.
- ``cpsplatform.W006`` (deploy) production uses SQLite.

The reachability checks (W001, W004) ask the service with a short timeout and only warn: migrations and other
commands must still run while a service is down.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

REACH_TIMEOUT = 2.0
SERVICES_TAG = "services"


@register(SERVICES_TAG)
def check_elasticsearch(app_configs=None, **kwargs):
    hosts = list(getattr(settings, "ELASTICSEARCH_HOSTS", []) or [])
    bad = [
        h for h in hosts if urlparse(str(h)).scheme not in ("http", "https") or not urlparse(str(h)).hostname
    ]
    if not hosts or bad:
        return [
            Error(
                f"ELASTICSEARCH_HOSTS must list http(s) URLs, got {hosts!r}.",
                hint="Set ELASTICSEARCH_URL=http://host:9200, or leave it unset to use the managed node.",
                id="cpsplatform.E001",
            )
        ]
    from cpsplatform.elasticsearch_client import cluster_state

    try:
        cluster_state(timeout=REACH_TIMEOUT)
    except Exception as exc:
        hint = (
            "Start the managed node: python -m scripts.elasticsearch start"
            if settings.ELASTICSEARCH_MANAGED
            else "Check ELASTICSEARCH_URL and that the cluster is up."
        )
        return [
            Warning(
                f"Elasticsearch at {', '.join(hosts)} does not answer ({type(exc).__name__}).",
                hint=hint,
                id="cpsplatform.W001",
            )
        ]
    return []


@register(SERVICES_TAG)
def check_channel_layer(app_configs=None, **kwargs):
    layers = getattr(settings, "CHANNEL_LAYERS", {}) or {}
    if "default" not in layers:
        return [Error("CHANNEL_LAYERS has no 'default' layer.", id="cpsplatform.E003")]
    if not settings.REDIS_URL:
        return []
    layer = layers["default"]
    hosts = layer.get("CONFIG", {}).get("hosts", [])
    addresses = [host.get("address") if isinstance(host, dict) else host for host in hosts]
    if not str(layer.get("BACKEND", "")).startswith("channels_redis.") or settings.REDIS_URL not in addresses:
        return [
            Error(
                "REDIS_URL is set but the default channel layer is not channels_redis on that URL "
                f"(backend {layer.get('BACKEND')!r}, hosts {hosts!r}).",
                hint="Leave CHANNEL_LAYERS to cpsplatform.settings, which derives it from REDIS_URL.",
                id="cpsplatform.E002",
            )
        ]
    try:
        import channels_redis.core  # noqa: F401
        import redis
    except ImportError as exc:
        return [Error(f"REDIS_URL is set but {exc.name} is not installed.", id="cpsplatform.E002")]
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=REACH_TIMEOUT, socket_connect_timeout=REACH_TIMEOUT
        )
        try:
            client.ping()
        finally:
            client.close()
    except redis.RedisError as exc:
        return [
            Warning(
                f"Redis at REDIS_URL does not answer ({type(exc).__name__}).",
                hint="Start Redis or fix REDIS_URL.",
                id="cpsplatform.W004",
            )
        ]
    return []


@register(Tags.compatibility, deploy=True)
def check_production_services(app_configs=None, **kwargs):
    messages = []
    backend = settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", "")
    if backend.endswith("InMemoryChannelLayer"):
        messages.append(
            Warning(
                "The in-memory channel layer only reaches consumers in the same process.",
                hint="Set REDIS_URL so several ASGI workers share one channel layer.",
                id="cpsplatform.W005",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        messages.append(
            Warning(
                "SQLite is for development; concurrent registrations need PostgreSQL's row locks.",
                hint="Set DATABASE_URL=postgres://...",
                id="cpsplatform.W006",
            )
        )
    return messages
