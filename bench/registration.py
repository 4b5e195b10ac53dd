"""Concurrent registrations over HTTP against the ASGI server: throughput, p95 latency and exact final counts.

    python bench/registration.py [--clients 200] [--capacity 60]

It creates a fresh PostgreSQL database (on the server of ``DATABASE_URL`` if that is a PostgreSQL URL, else the
local ``postgres://postgres:postgres@127.0.0.1:5432``), migrates it, creates an event and one verified, logged-in
user per client, starts daphne serving ``cpsplatform.asgi:application`` on a free loopback port, and then:

1. baseline: every client GETs the event page at the same moment (same server, same sessions);
2. the measured run: every client POSTs the registration form at the same moment.

The server runs with psycopg's connection pool (``?pool=true``): each request thread borrows one of a few
connections instead of opening its own, which is how the platform should run under a burst (and PostgreSQL here
allows 100 connections for everyone). At the end it checks that exactly ``capacity`` people are confirmed and the
rest waitlisted, stops the server, drops the database and prints ONE JSON line.
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.stats import percentile  # noqa: E402

DEFAULT_SERVER = "postgres://postgres:postgres@127.0.0.1:5432/postgres"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def fail(message: str) -> None:
    log(f"FAILED: {message}")
    sys.exit(1)


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return DEFAULT_SERVER


def with_database(url: str, name: str, query: str = "") -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}", query=query))


def admin_connection(url: str):
    import psycopg

    try:
        return psycopg.connect(with_database(url, "postgres"), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        fail(f"cannot reach PostgreSQL at {urlparse(url).hostname}:{urlparse(url).port or 5432} ({error})")


def open_event(organiser, *, number: int, title_en: str, capacity: int):
    """A published event a week ahead whose registration is open now: what a registration burst needs."""
    from django.utils import timezone

    from events.models import Event

    now = timezone.now()
    return Event.objects.create(
        organiser=organiser,
        number=number,
        title_en=title_en,
        starts_at=now + timezone.timedelta(days=7),
        ends_at=now + timezone.timedelta(days=7, hours=3),
        capacity=capacity,
        registration_opens_at=now - timezone.timedelta(hours=1),
        registration_closes_at=now + timezone.timedelta(days=6),
        is_published=True,
    )


def prepare(clients: int, capacity: int) -> tuple[int, list[str]]:
    """Event and users with sessions, written through the ORM in this process. Returns (event id, session keys)."""
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from cpsplatform.organisations.models import Organisation, OrganisationKind

    now = timezone.now()
    organiser = Organisation.objects.create(
        kind=OrganisationKind.EVENT_ORGANISER,
        slug="bench-organiser",
        name_en="Bench organiser",
        confirmed_by_staff=True,
    )
    event = open_event(organiser, number=1, title_en="Registration benchmark", capacity=capacity)
    User = get_user_model()
    User.objects.bulk_create(
        [
            User(
                email=f"client{i:04d}@bench.example", display_name=f"Client {i}", password=make_password(None)
            )
            for i in range(clients)
        ]
    )
    users = list(User.objects.filter(email__endswith="@bench.example").order_by("email"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    store = SessionStore()
    expiry = now + timezone.timedelta(days=1)
    sessions = []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=secrets.token_hex(16), session_data=store.encode(data), expire_date=expiry)
        )
    Session.objects.bulk_create(sessions)
    from django.db import connections

    connections.close_all()
    return event.pk, [s.session_key for s in sessions]


def final_counts(event_id: int) -> dict[str, int]:
    from django.db import connections
    from django.db.models import Count

    from events.models import Registration

    rows = Registration.objects.filter(event_id=event_id).values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    counts["duplicates"] = (
        Registration.objects.filter(event_id=event_id).count()
        - Registration.objects.filter(event_id=event_id).values("user_id").distinct().count()
    )
    connections.close_all()
    return counts


def start_process(command: list[str], env: dict, logfile) -> subprocess.Popen:
    """A process of the platform (server or worker) run from the project root, its output into ``logfile``."""
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT)  # noqa: S603


def start_server(env: dict, port: int, logfile) -> subprocess.Popen:
    # An explicit listen backlog: Twisted's default (50) resets connections when every client connects at once.
    endpoint = f"tcp:port={port}:interface=127.0.0.1:backlog=1024"
    return start_process(
        [sys.executable, "-m", "daphne", "-e", endpoint, "cpsplatform.asgi:application"], env, logfile
    )


def wait_until_up(
    port: int,
    server: subprocess.Popen,
    timeout: float = 60,
    path: str = "/events/",
    status: int | None = 200,
    interval: float = 0.3,
) -> None:
    """Wait until ``path`` answers ``status`` (``None``: any answer at all); stop the bench if the server exits
    or ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            fail("the ASGI server exited while starting")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            answered = connection.getresponse().status
            if status is None or answered == status:
                return
        except OSError:
            pass
        time.sleep(interval)
    fail(f"the ASGI server did not answer within {timeout:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    """Terminate an ASGI server the bench started; kill it if it does not stop within 15 s."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def burst(
    port: int, requests: list[tuple[str, str, dict, bytes | None]]
) -> tuple[list[tuple[int, float, str]], float]:
    """Send every request from its own thread, all released together. Returns ((status, ms, location)...), wall s."""
    barrier = threading.Barrier(len(requests) + 1)

    def one(request):
        method, path, headers, body = request
        barrier.wait(timeout=60)
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            result = (response.status, response.getheader("Location") or "")
            connection.close()
        except OSError as error:
            result = (0, str(error))
        return result[0], (time.perf_counter() - started) * 1000, result[1]

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        futures = [pool.submit(one, r) for r in requests]
        barrier.wait(timeout=60)
        started = time.perf_counter()
        results = [f.result() for f in futures]
        wall = time.perf_counter() - started
    return results, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=60)
    args = parser.parse_args()
    if not 0 < args.capacity < args.clients:
        fail("capacity must be between 1 and the number of clients")

    base = server_url()
    name = f"cpsp_bench_registration_{os.getpid()}"
    admin = admin_connection(base)
    admin.execute(f'CREATE DATABASE "{name}"')
    log(f"created database {name}")
    env = dict(os.environ)
    env.update(
        {
            "PLATFORM_ENV": "development",
            "DJANGO_SETTINGS_MODULE": "cpsplatform.settings",
            "DATABASE_URL": with_database(base, name),
            "EMAIL_URL": "locmem:",
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.pop("REDIS_URL", None)
    server = None
    descriptor, log_name = tempfile.mkstemp(prefix="bench-registration-", suffix=".log")
    logfile = os.fdopen(descriptor, "w")
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        event_id, session_keys = prepare(args.clients, args.capacity)
        log(f"event {event_id}, {len(session_keys)} verified users with sessions")

        from scripts.localprocess import free_port

        port = free_port()
        server_env = dict(env, DATABASE_URL=with_database(base, name, "pool=true"))
        server = start_server(server_env, port, logfile)
        wait_until_up(port, server)
        log(f"daphne up on 127.0.0.1:{port}")

        csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as the token

        def headers(session_key: str) -> dict:
            return {"Cookie": f"sessionid={session_key}; csrftoken={csrf}", "Host": "127.0.0.1"}

        # Warm-up (imports, templates, pool), not measured.
        burst(port, [("GET", f"/events/{event_id}/", headers(k), None) for k in session_keys[:10]])

        baseline, baseline_wall = burst(
            port, [("GET", f"/events/{event_id}/", headers(k), None) for k in session_keys]
        )
        baseline_ok = [r for r in baseline if r[0] == 200]
        log(f"baseline: {len(baseline_ok)}/{len(baseline)} OK in {baseline_wall:.2f}s")

        body = urlencode({"csrfmiddlewaretoken": csrf}).encode()
        post_headers = [
            {
                **headers(k),
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": str(len(body)),
            }
            for k in session_keys
        ]
        results, wall = burst(
            port, [("POST", f"/events/{event_id}/register/", h, body) for h in post_headers]
        )
        ok = [r for r in results if r[0] == 302 and "/events/registrations/" in r[2]]
        errors = len(results) - len(ok)
        if errors:
            log(f"unexpected answers: {sorted({(r[0], r[2][:60]) for r in results if r not in ok})[:5]}")
        counts = final_counts(event_id)
        exact = (
            counts.get("confirmed", 0) == args.capacity
            and counts.get("waitlisted", 0) == args.clients - args.capacity
            and counts["duplicates"] == 0
        )
        line = {
            "bench": "registration",
            "clients": args.clients,
            "capacity": args.capacity,
            "confirmed": counts.get("confirmed", 0),
            "waitlisted": counts.get("waitlisted", 0),
            "errors": errors,
            "per_s": round(len(results) / wall, 1),
            "p95_ms": round(percentile([r[1] for r in results], 0.95), 1),
            "median_ms": round(statistics.median(r[1] for r in results), 1),
            "exact": exact,
            "baseline_get_per_s": round(len(baseline) / baseline_wall, 1),
            "baseline_get_p95_ms": round(percentile([r[1] for r in baseline], 0.95), 1),
            "baseline_errors": len(baseline) - len(baseline_ok),
            "server": "daphne (psycopg pool)",
        }
    finally:
        if server is not None:
            stop_server(server)
        try:
            from django.db import connections

            connections.close_all()
        except Exception as error:  # noqa: BLE001 - Django may not be set up if migrate failed
            log(f"closing connections: {error}")
        logfile.close()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        log(f"dropped database {name}")
    print(json.dumps(line, ensure_ascii=False))
    if not exact or errors:
        log(f"server log kept: {log_name}")
        sys.exit(1)
    Path(log_name).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
