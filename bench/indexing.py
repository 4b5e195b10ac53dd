"""What indexing costs a save: a vendor saving a listing, with the drain in the request vs. left to the worker.

    .venv/bin/python bench/indexing.py [--saves 40]

It starts what it needs: a throwaway PostgreSQL (or a fresh database on the server of ``DATABASE_URL``), the
managed Elasticsearch node unless ``ELASTICSEARCH_URL`` is set (indexes under a prefix of its own, removed at the
end). It seeds one vendor with 50 published listings and a logged-in owner, then starts, side by side on the same
database:

- daphne with ``SEARCH_SYNC_ON_COMMIT=1`` ("inline": the request drains the outbox after its commit);
- daphne with ``SEARCH_SYNC_ON_COMMIT=0`` ("worker") and ``manage.py search_sync --loop`` beside it.

Saves go through the real edit form (``POST /marketplace/dashboard/listings/<pk>/``, a new name each time), one at
a time as on a quiet machine, alternating between the two servers so both see the same load. A save is timed as
the browser waits for it: the POST and the GET of the page it redirects to (``save_*``); ``post_*`` is the POST
alone. ``outbox_rows_per_save`` counts the rows the saves wrote (the outbox's id sequence);
``worker_searchable_p95_ms`` is how long from the start of a save until the worker had the new name in the index
(the inline mode has it before the answer). Prints ONE JSON line.

Target (issue 12): a save under 500 ms on a quiet machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != BENCH]

from bench.registration import (  # noqa: E402 (after the root is on sys.path)
    start_process,
    start_server,
    stop_server,
    wait_until_up,
    with_database,
)
from bench.stats import percentile  # noqa: E402

LISTINGS = 50


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def database_server(stack: ExitStack) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url.startswith(("postgres://", "postgresql://")):
        return url
    os.environ.setdefault("PLATFORM_ENV", "development")
    from cpsplatform import settings
    from scripts.services import throwaway_postgres

    return stack.enter_context(throwaway_postgres(settings.CACHE_DIR, settings.SERVICE_USER))


def start_elasticsearch() -> None:
    from django.conf import settings

    from search.indexes import get_client, is_available

    if is_available(get_client(timeout=30)):
        return
    if not settings.ELASTICSEARCH_MANAGED:
        raise SystemExit(f"ELASTICSEARCH_URL={settings.ELASTICSEARCH_URL} does not answer")
    from scripts.elasticsearch_node import ManagedNode

    log("starting the managed Elasticsearch node ...")
    ManagedNode.from_settings().start()


def seed() -> tuple[list[int], str]:
    """One vendor, its published listings (indexed) and a logged-in owner. Returns (listing ids, session key)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from cpsplatform.accounts.models import User
    from cpsplatform.organisations.middleware import SESSION_KEY as ORGANISATION_KEY
    from cpsplatform.organisations.models import Membership, Organisation, OrganisationKind, Role
    from marketplace.choices import ListingStatus
    from marketplace.models import SecurityCategory, SolutionListing
    from marketplace.services.common import send_listing_changed
    from search.indexes import ensure_indexes, get_client
    from search.sync import drain

    with transaction.atomic():
        vendor = Organisation.objects.create(
            kind=OrganisationKind.VENDOR, slug="bench-vendor", name_ja="ベンチ株式会社", name_en="Bench Ltd"
        )
        user = User.objects.create_user(email="owner@bench.example", password=None, display_name="Owner")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Membership.objects.create(organisation=vendor, user=user, role=Role.OWNER)
        categories = list(SecurityCategory.objects.order_by("sort_order")[:2])
        ids = []
        for n in range(LISTINGS):
            listing = SolutionListing.objects.create(
                vendor=vendor,
                name_ja=f"制御システム監視 {n}",
                name_en=f"OT monitoring {n}",
                summary_ja="工場ネットワークの異常を検知します。",
                description_ja="PLC と HMI の通信を学習し、逸脱を知らせます。" * 5,
                regions=["kanto"],
                status=ListingStatus.PUBLISHED,
            )
            listing.categories.set(categories)
            send_listing_changed(listing.pk)
            ids.append(listing.pk)
    client = get_client(timeout=60)
    ensure_indexes(client)
    drain(client)
    store = SessionStore()
    store.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            ORGANISATION_KEY: vendor.pk,
        }
    )
    store.create()
    return ids, store.session_key


def outbox_sequence() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM pg_sequences WHERE sequencename = 'search_indexoutbox_id_seq'")
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def searchable(listing_id: int, name: str) -> bool:
    from search.indexes import alias_name, get_client

    client = get_client(timeout=10)
    document = client.get(index=alias_name("listings"), id=str(listing_id), source_includes=["name"])
    return name in document["_source"]["name"]


class Browser:
    """One logged-in vendor owner saving the edit form, as a browser does: POST, then GET the redirect."""

    def __init__(self, port: int, session_key: str) -> None:
        self.port = port
        self.csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as the token
        self.cookie = f"sessionid={session_key}; csrftoken={self.csrf}"

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1"}
        if body is not None:
            headers.update(
                {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(body))}
            )
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status, response.getheader("Location") or ""

    def save(self, listing_id: int, name: str) -> tuple[float, float]:
        """(POST ms, POST + redirect GET ms)."""
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.csrf,
                "name_ja": name,
                "name_en": "OT monitoring",
                "summary_ja": "工場ネットワークの異常を検知します。",
                "description_ja": "PLC と HMI の通信を学習し、逸脱を知らせます。",
                "categories": ["endpoint-protection"],
                "regions": ["kanto"],
                "price_min_jpy": "10000",
                "price_max_jpy": "50000",
                "price_unit": "monthly",
            },
            doseq=True,
        ).encode()
        path = f"/marketplace/dashboard/listings/{listing_id}/"
        started = time.perf_counter()
        status, location = self.request("POST", path, body)
        posted = time.perf_counter()
        if status != 302:
            raise SystemExit(f"saving listing {listing_id} answered {status}, not a redirect")
        status, _ = self.request("GET", location)
        if status != 200:
            raise SystemExit(f"the page after saving answered {status}")
        return (posted - started) * 1000, (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=40, help="saves measured per mode")
    args = parser.parse_args()

    with ExitStack() as stack:
        server_url = database_server(stack)
        name = f"cpsp_bench_indexing_{os.getpid()}"
        import psycopg

        admin = psycopg.connect(with_database(server_url, "postgres"), autocommit=True, connect_timeout=5)
        admin.execute(f'CREATE DATABASE "{name}"')
        stack.callback(admin.close)
        stack.callback(admin.execute, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        env = dict(os.environ)
        env.update(
            {
                "PLATFORM_ENV": "development",
                "DJANGO_SETTINGS_MODULE": "cpsplatform.settings",
                "DATABASE_URL": with_database(server_url, name),
                "ELASTICSEARCH_INDEX_PREFIX": f"cpsp-bench-indexing-{os.getpid()}",
                "EMAIL_URL": "locmem:",
                "DEBUG": "0",
                "LOG_LEVEL": "WARNING",
            }
        )
        env.pop("REDIS_URL", None)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        os.environ.update(env)
        import importlib

        import django

        from cpsplatform import settings as project_settings

        importlib.reload(project_settings)  # read again for this database (throwaway_postgres read it before)
        django.setup()
        from django.db import connections

        from scripts.localprocess import free_port
        from search.indexes import delete_all_under_prefix, get_client

        start_elasticsearch()
        stack.callback(lambda: delete_all_under_prefix(get_client(timeout=60)))
        listing_ids, session_key = seed()
        log(f"{len(listing_ids)} listings indexed; starting the two servers and the worker")

        descriptor, log_name = tempfile.mkstemp(prefix="bench-indexing-", suffix=".log")
        logfile = stack.enter_context(os.fdopen(descriptor, "w"))
        processes: list[subprocess.Popen] = []

        def stop_all() -> None:
            for process in processes:
                stop_server(process)

        stack.callback(stop_all)
        connections.close_all()
        stack.callback(connections.close_all)
        ports = {}
        for mode, flag in (("inline", "1"), ("worker", "0")):
            ports[mode] = free_port()
            server_env = dict(
                env, SEARCH_SYNC_ON_COMMIT=flag, DATABASE_URL=with_database(server_url, name, "pool=true")
            )
            processes.append(start_server(server_env, ports[mode], logfile))
        processes.append(
            start_process(
                [sys.executable, "manage.py", "search_sync", "--loop", "--interval", "0.5"], env, logfile
            )
        )
        for mode, port in ports.items():
            wait_until_up(
                port, processes[0 if mode == "inline" else 1], timeout=600, path="/healthz", status=None
            )
        browsers = {mode: Browser(port, session_key) for mode, port in ports.items()}

        for round_ in range(3):  # warm-up: imports, templates, Sudachi dictionaries, pools
            for mode, browser in browsers.items():
                browser.save(listing_ids[round_], f"ウォームアップ {mode} {round_}")
        time.sleep(2)

        timings: dict[str, dict[str, list[float]]] = {mode: {"post": [], "save": []} for mode in browsers}
        worker_lag: list[float] = []
        rows_before = outbox_sequence()
        for n in range(args.saves):
            for mode, browser in browsers.items():
                listing_id = listing_ids[(2 * n + (mode == "worker")) % len(listing_ids)]
                new_name = f"制御システム監視 {mode} {n} {secrets.token_hex(3)}"
                saved_at = time.perf_counter()
                post_ms, save_ms = browser.save(listing_id, new_name)
                timings[mode]["post"].append(post_ms)
                timings[mode]["save"].append(save_ms)
                if mode == "inline" and not searchable(listing_id, new_name):
                    raise SystemExit("the inline drain did not index the save before answering")
                if mode == "worker":
                    while not searchable(listing_id, new_name):
                        if time.perf_counter() - saved_at > 30:
                            raise SystemExit("the worker did not index a save within 30 s")
                        time.sleep(0.02)
                    worker_lag.append((time.perf_counter() - saved_at) * 1000)
        rows = outbox_sequence() - rows_before
        connections.close_all()

        def ms(values: list[float], fraction: float) -> float:
            return round(percentile(values, fraction), 1)

        line = {
            "bench": "indexing",
            "saves_per_mode": args.saves,
            "save_p50_ms_inline": ms(timings["inline"]["save"], 0.5),
            "save_p95_ms_inline": ms(timings["inline"]["save"], 0.95),
            "save_p50_ms_worker": ms(timings["worker"]["save"], 0.5),
            "save_p95_ms_worker": ms(timings["worker"]["save"], 0.95),
            "post_p50_ms_inline": ms(timings["inline"]["post"], 0.5),
            "post_p50_ms_worker": ms(timings["worker"]["post"], 0.5),
            "worker_searchable_p95_ms": ms(worker_lag, 0.95),
            "outbox_rows_per_save": round(rows / (2 * args.saves), 2),
            "target_save_ms": 500,
        }
        Path(log_name).unlink(missing_ok=True)
    print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
