"""The request budget: requests/s and p50/p95 of each role's main pages next to a hello-world view, one process.

    .venv/bin/python bench/pages.py [--clients 20] [--duration 5] [--listings 2000] [--registrations 150]

It starts what production runs, on loopback: a throwaway PostgreSQL and Redis (``scripts/services.py``), the
Elasticsearch node at ``ELASTICSEARCH_URL`` (default the managed one on 127.0.0.1:9200) with indexes of this run
only, and ONE daphne process serving ``cpsplatform.asgi:application`` with ``PLATFORM_ENV=production``
(``DEBUG`` off, collected static files, persistent database connections as in
``platform/env/production.env.example``, behind a TLS proxy: requests carry ``X-Forwarded-Proto: https``).
The database holds the demo data (``scripts.demo.seed_all``) plus ``--listings`` published listings and
``--registrations`` confirmed participants of the measured event, all indexed.

Each page is then asked by ``--clients`` concurrent clients (one keep-alive connection each) for ``--duration``
seconds, logged in as the role that uses it. The reference is ``/livez``, the platform's liveness answer, which
runs the whole middleware stack and touches no service: the rate a page of no work reaches in the same process.
It is measured before and after the pages; the ratio uses their mean. Output: one JSON line per page, then
``{"bench": "pages", "min_ratio_to_hello": ...}``. Progress goes to stderr. The target is a ratio ≥ 0.40.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# bench/matching.py is named like the ``matching`` app: keep this directory off the import path.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != BENCH]

from bench.registration import start_server, stop_server, wait_until_up  # noqa: E402
from bench.stats import percentile  # noqa: E402

HELLO = "/livez"
TARGET_RATIO = 0.40
SEARCH_QUERY = "/search/?q=%E7%9B%A3%E8%A6%96"  # 監視 (monitoring): matches demo and synthetic listings


def log(message: str) -> None:
    print(f"[bench/pages] {message}", file=sys.stderr, flush=True)


# --- preparing the database (a child process with Django configured) -------------------------------------------


def session_for(user, organisation=None) -> str:
    """A stored session of ``user`` acting for ``organisation``; returns its key."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from cpsplatform.organisations.middleware import SESSION_KEY as ACTIVE_ORGANISATION

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if organisation is not None:
        store[ACTIVE_ORGANISATION] = organisation.pk
    store.create()
    return store.session_key


def add_listings(count: int) -> None:
    """``count`` published listings spread over the demo vendors, worded by ``bench/synthetic.py``."""
    import copy

    from django.utils import timezone

    from bench.synthetic import generate_listings
    from marketplace.choices import ListingStatus
    from marketplace.models import SecurityCategory, SolutionListing

    templates = list(SolutionListing.objects.filter(status=ListingStatus.PUBLISHED).order_by("pk"))
    categories = list(SecurityCategory.objects.values_list("pk", flat=True))
    now = timezone.now()
    copies = []
    for number, row in enumerate(generate_listings(count, seed=12)):
        listing = copy.copy(templates[number % len(templates)])
        listing.pk = None
        language = "ja" if row["language"] == "ja" else "en"
        listing.name_ja = listing.name_en = listing.summary_ja = listing.summary_en = ""
        listing.description_ja = listing.description_en = ""
        setattr(listing, f"name_{language}", row["name"][:200])
        setattr(listing, f"summary_{language}", row["summary"][:400])
        setattr(listing, f"description_{language}", row["description"])
        listing.published_at = now
        copies.append(listing)
    created = SolutionListing.objects.bulk_create(copies, batch_size=500)
    through = SolutionListing.categories.through
    through.objects.bulk_create(
        [
            through(solutionlisting_id=listing.pk, securitycategory_id=categories[(i + k) % len(categories)])
            for i, listing in enumerate(created)
            for k in range(2)
        ],
        batch_size=1000,
    )


def add_registrations(event, count: int) -> None:
    """``count`` verified people with a confirmed seat at ``event`` (what the organiser's dashboard lists)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from events.models import Registration, RegistrationStatus

    User = get_user_model()  # noqa: N806
    users = User.objects.bulk_create(
        [
            User(
                email=f"p{i:04d}@bench-pages.example",
                display_name=f"参加者 {i}",
                password=make_password(None),
            )
            for i in range(count)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    now = timezone.now()
    Registration.objects.bulk_create(
        [
            Registration(event=event, user=u, status=RegistrationStatus.CONFIRMED, confirmed_at=now)
            for u in users
        ]
    )


def prepare(listings: int, registrations: int) -> None:
    """Migrate, seed, add volume, index, make one session per role; print the pages to measure as JSON."""
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from cpsplatform.organisations.models import Membership
    from events.models import Event
    from marketplace.choices import ListingStatus
    from marketplace.models import Need, SolutionListing
    from scripts.demo import seed_all
    from search.indexes import KINDS, get_client
    from search.sync import reindex

    call_command("migrate", interactive=False, verbosity=0)
    seed_all(io.StringIO())
    add_listings(listings)
    event = (
        Event.objects.filter(is_published=True, starts_at__gt=timezone.now()).order_by("starts_at").first()
    )
    add_registrations(event, registrations)
    client = get_client(timeout=120)
    for kind in KINDS:
        reindex(kind, client)

    need = next(n for n in Need.objects.order_by("pk") if n.is_open)
    need_owner = Membership.objects.filter(organisation=need.owner).order_by("joined_at").first()
    organiser = Membership.objects.filter(organisation=event.organiser).order_by("joined_at").first()
    listing = SolutionListing.objects.filter(status=ListingStatus.PUBLISHED).order_by("pk").first()
    member = session_for(need_owner.user, need.owner)
    pages = {
        "hello": [HELLO, None],
        "home": ["/", None],
        "solutions": ["/marketplace/", None],
        "listing": [f"/marketplace/listings/{listing.pk}/", None],
        "need_with_recommendations": [f"/marketplace/needs/{need.pk}/", member],
        "event": [f"/events/{event.pk}/", member],
        "search": [SEARCH_QUERY, member],
        "discussions": ["/discussions/", member],
        "organiser_dashboard": [
            f"/events/organise/{event.pk}/",
            session_for(organiser.user, event.organiser),
        ],
    }
    connections.close_all()
    print(json.dumps(pages))


def delete_indexes() -> None:
    """Drop this run's Elasticsearch indexes (everything under its prefix)."""
    import django

    django.setup()
    from search.indexes import delete_all_under_prefix, get_client

    delete_all_under_prefix(get_client(timeout=60))


# --- measuring --------------------------------------------------------------------------------------------------


def hammer(port: int, path: str, session: str | None, clients: int, duration: float) -> dict:
    """``clients`` threads GET ``path`` in a loop for ``duration`` s, one keep-alive connection each."""
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        start.wait()
        while time.perf_counter() < stop_at[0]:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status = repr(error)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            if status == 200:
                mine.append((time.perf_counter() - began) * 1000)
            else:
                with lock:
                    failures.append(str(status))
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + duration
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "rps": len(latencies) / wall,
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "errors": failures,
    }


def measure(port: int, pages: dict, clients: int, duration: float) -> list[dict]:
    for path, session in pages.values():  # warm-up: imports, templates, connections, ES caches
        hammer(port, path, session, min(clients, 4), 1.0)
    order = ["hello", *[name for name in pages if name != "hello"], "hello"]
    results: dict[str, list[dict]] = {}
    for name in order:
        path, session = pages[name]
        result = hammer(port, path, session, clients, duration)
        log(
            f"{name:26} {result['rps']:7.1f} req/s  p50 {result['p50_ms']:7.1f} ms  p95 {result['p95_ms']:7.1f} ms"
        )
        if result["errors"]:
            raise SystemExit(f"{name} ({path}) answered {sorted(set(result['errors']))[:3]}, not 200")
        results.setdefault(name, []).append(result)
    hello_rps = sum(r["rps"] for r in results["hello"]) / len(results["hello"])
    lines = []
    for name, runs in results.items():
        run = runs[0] if name != "hello" else {**runs[0], "rps": hello_rps}
        lines.append(
            {
                "bench": "pages",
                "page": name,
                "path": pages[name][0],
                "rps": round(run["rps"], 1),
                "p50_ms": round(run["p50_ms"], 1),
                "p95_ms": round(run["p95_ms"], 1),
                "ratio_to_hello": round(run["rps"] / hello_rps, 3),
            }
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients per page")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per page")
    parser.add_argument(
        "--listings", type=int, default=2000, help="published listings added to the demo data"
    )
    parser.add_argument("--registrations", type=int, default=150, help="participants of the measured event")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--delete-indexes", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.listings, args.registrations)
        return
    if args.delete_indexes:
        delete_indexes()
        return

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up below on SIGTERM (e.g. timeout) too
    from scripts.localprocess import DEFAULT_SERVICE_USER, free_port
    from scripts.services import ensure_test_prerequisites, throwaway_postgres, throwaway_redis

    ensure_test_prerequisites(need_postgres=True, need_redis=True, need_java=False, need_browser=False)
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    tmp.chmod(0o755)  # the throwaway PostgreSQL may run as an unprivileged user (under root) inside it
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, tmp, True)
        stack.enter_context(contextlib.redirect_stdout(sys.stderr))  # the helpers' progress goes to stderr
        redis_url = stack.enter_context(throwaway_redis(tmp))
        database_url = stack.enter_context(throwaway_postgres(tmp, DEFAULT_SERVICE_USER))
        port = free_port()
        env = {
            **os.environ,
            # As platform/env/production.env.example, on loopback.
            "PLATFORM_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "BEHIND_TLS_PROXY": "1",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": redis_url,
            "ELASTICSEARCH_URL": os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
            "ELASTICSEARCH_INDEX_PREFIX": f"cpsp-bench-pages-{os.getpid()}",
            "EMAIL_URL": "locmem:",
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp / "private-media"),
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "cpsplatform.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
        }
        env.pop("DEBUG", None)
        log("collecting static files")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        log(f"preparing the database (migrate, demo, {args.listings} listings, {args.registrations} people)")
        stack.callback(
            subprocess.run, [sys.executable, __file__, "--delete-indexes"], cwd=ROOT, env=env, check=False
        )
        prepared = subprocess.run(
            [sys.executable, __file__, "--prepare", "--listings", str(args.listings),
             "--registrations", str(args.registrations)],
            cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        pages = json.loads(prepared.stdout.strip().splitlines()[-1])
        server_log = stack.enter_context(open(tmp / "daphne.log", "w"))  # noqa: SIM115
        server = start_server(env, port, server_log)
        stack.callback(stop_server, server)
        wait_until_up(port, server, path=HELLO)
        log(f"daphne up on 127.0.0.1:{port}; {args.clients} clients, {args.duration:g} s per page")
        try:
            lines = measure(port, pages, args.clients, args.duration)
        except SystemExit:
            server_log.flush()
            log("server log tail:\n" + (tmp / "daphne.log").read_text(errors="replace")[-3000:])
            raise
    for line in lines:
        print(json.dumps(line, ensure_ascii=False))
    ratios = [line["ratio_to_hello"] for line in lines if line["page"] != "hello"]
    print(json.dumps({"bench": "pages", "min_ratio_to_hello": min(ratios), "clients": args.clients}))
    if min(ratios) < TARGET_RATIO:
        sys.exit(1)


if __name__ == "__main__":
    main()
