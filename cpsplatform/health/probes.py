"""Probes behind ``/healthz``: each asks one service a real question with a short timeout and never raises.

A probe returns ``{"ok": bool, ...details}``; a failing one carries ``error`` (the exception's class, plus its
message when DEBUG is on: the endpoint is public, so production answers name the part but not hosts or paths).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection

from cpsplatform.elasticsearch_client import cluster_state

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 3.0


def _failure(part: str, exc: BaseException) -> dict[str, Any]:
    logger.warning("healthz: %s is down: %r", part, exc)
    error = type(exc).__name__
    if settings.DEBUG:
        error = f"{error}: {exc}"
    return {"ok": False, "error": error}


def probe_database() -> dict[str, Any]:
    """Run a query on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {**_failure("database", exc), "vendor": connection.vendor}
    return {"ok": True, "vendor": connection.vendor}


async def _channel_roundtrip() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer is configured")
    channel = await layer.new_channel(prefix="healthz")
    token = uuid.uuid4().hex
    async with asyncio.timeout(PROBE_TIMEOUT):
        await layer.send(channel, {"type": "healthz.ping", "token": token})
        message = await layer.receive(channel)
    if message.get("token") != token:
        raise RuntimeError("the channel layer returned a different message")


def probe_channel_layer() -> dict[str, Any]:
    """Send a message to a throwaway channel through the configured layer and read it back."""
    backend = settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", "")
    try:
        async_to_sync(_channel_roundtrip)()
    except Exception as exc:
        return {**_failure("channel layer", exc), "backend": backend}
    return {"ok": True, "backend": backend}


def probe_elasticsearch() -> dict[str, Any]:
    """Cluster name, health status and node versions; a red cluster counts as down."""
    try:
        state = cluster_state(timeout=PROBE_TIMEOUT)
    except Exception as exc:
        return _failure("elasticsearch", exc)
    return {
        "ok": state.status in ("green", "yellow"),
        "cluster_name": state.cluster_name,
        "status": state.status,
        "version": state.versions[0] if len(state.versions) == 1 else list(state.versions),
    }


def probe_all() -> dict[str, Any]:
    checks = {
        "database": probe_database(),
        "channel_layer": probe_channel_layer(),
        "elasticsearch": probe_elasticsearch(),
    }
    failing = [name for name, result in checks.items() if not result["ok"]]
    return {"status": "fail" if failing else "ok", "failing": failing, "checks": checks}


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """What anonymous callers see: the overall status and whether each part is up, nothing about what runs."""
    return {
        "status": report["status"],
        "failing": report["failing"],
        "checks": {name: {"ok": result["ok"]} for name, result in report["checks"].items()},
    }
