"""The production topology under load and faults: ``make stack`` first, then

    python bench/stack.py [--clients 200] [--capacity 60] [--phase-seconds 20] [--skip-faults]

(a) Throughput through nginx: ``clients`` people register for one event at the same moment, then ``clients``
    event-page views at once; next to it, in the same run and on the same PostgreSQL/Redis/Elasticsearch, the same
    registration burst against ONE daphne process started here (what bench/registration.py measures).
(b) Faults under steady mixed load (page views, searches, registrations, chat messages from WebSocket clients):
    kill one Elasticsearch node, kill one web worker, restart Redis, restart PostgreSQL, one after the other.
    Clients behave as real ones do: a registration answered with an error or cut off is sent again (the form is
    idempotent: a second POST finds the registration), a chat message not acknowledged is sent again with the same
    ``ref`` (the server stores a ref once), a dropped WebSocket reconnects and subscribes ``after`` the last
    sequence number it saw. Afterwards every registration that was answered must be in the database exactly once,
    every message sent must be stored once and have reached every chat client, and once the outbox has drained
    Elasticsearch must hold every chat message.

Prints ONE JSON line. ``recovered_s``: from the fault until the last failed request of that phase (0 when none
failed) — every phase also waits for /healthz to answer 200 again. The percentile is computed here (nearest rank);
bench/stats.py may replace it.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import secrets
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.registration import open_event, start_server, stop_server, wait_until_up  # noqa: E402
from bench.stats import percentile  # noqa: E402
from scripts.stack import NGINX_PORT, Stack  # noqa: E402


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- data --------------------------------------------------------------------------------------------------------


def setup_django(stack: Stack) -> None:
    """Django on the stack's own settings: its env file, read again over the defaults ``Stack()`` was built on."""
    import importlib

    from cpsplatform import settings

    os.environ.update(stack.read_env())
    os.environ["DJANGO_SETTINGS_MODULE"] = "cpsplatform.settings"
    importlib.reload(settings)
    import django

    django.setup()


def make_event(tag: str, capacity: int) -> int:
    from cpsplatform.organisations.models import Organisation, OrganisationKind
    from events.models import Event

    organiser, _ = Organisation.objects.get_or_create(
        slug="bench-stack-organiser",
        defaults={
            "kind": OrganisationKind.EVENT_ORGANISER,
            "name_en": "Bench organiser",
            "confirmed_by_staff": True,
        },
    )
    number = (
        Event.objects.filter(organiser=organiser).order_by("-number").values_list("number", flat=True).first()
        or 0
    ) + 1
    return open_event(organiser, number=number, title_en=f"Stack benchmark {tag}", capacity=capacity).pk


def make_people(tag: str, count: int) -> list[tuple[int, str]]:
    """Verified users with a session each: [(user id, session key)]."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    User = get_user_model()  # noqa: N806
    suffix = f"@{tag}.bench.example"
    User.objects.bulk_create(
        [
            User(email=f"p{i:04d}{suffix}", display_name=f"P{i}", password=make_password(None))
            for i in range(count)
        ]
    )
    users = list(User.objects.filter(email__endswith=suffix).order_by("email"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    store = SessionStore()
    expiry = timezone.now() + timezone.timedelta(days=1)
    sessions = [
        Session(
            session_key=secrets.token_hex(16),
            session_data=store.encode(
                {
                    SESSION_KEY: str(u.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: u.get_session_auth_hash(),
                }
            ),
            expire_date=expiry,
        )
        for u in users
    ]
    Session.objects.bulk_create(sessions)
    return [(u.pk, s.session_key) for u, s in zip(users, sessions, strict=True)]


def make_chat(tag: str, people: list[tuple[int, str]]) -> str:
    from cpsplatform.discussions.models import Channel, ChannelKind
    from cpsplatform.discussions.services import do_create_channel
    from cpsplatform.organisations.models import Membership, Organisation

    org, _ = Organisation.objects.get_or_create(
        slug=f"bench-{tag}", defaults={"name_en": f"Bench {tag}", "kind": "user_company"}
    )
    for user_id, _ in people:
        Membership.objects.get_or_create(organisation=org, user_id=user_id)
    channel = Channel.objects.filter(key=f"bench-{tag}").first() or do_create_channel(
        kind=ChannelKind.PUBLIC, name=f"Bench {tag}", key=f"bench-{tag}"
    )
    return channel.slug


def registration_counts(event_id: int) -> dict[str, int]:
    from django.db import connections
    from django.db.models import Count

    from events.models import Registration

    rows = Registration.objects.filter(event_id=event_id)
    counts = {r["status"]: r["n"] for r in rows.values("status").annotate(n=Count("pk"))}
    counts["total"] = rows.count()
    counts["duplicates"] = counts["total"] - rows.values("user_id").distinct().count()
    counts["users"] = set(rows.values_list("user_id", flat=True))
    connections.close_all()
    return counts


# --- HTTP --------------------------------------------------------------------------------------------------------

CSRF = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as the token
BODY = urlencode({"csrfmiddlewaretoken": CSRF}).encode()


#: The notice the search page shows when Elasticsearch does not answer (English and Japanese): a 200 that failed.
SEARCH_DOWN = (b"Search is temporarily unavailable.", "検索は一時的に利用できません。".encode())


def request(
    port: int, method: str, path: str, session: str | None = None, timeout: float = 60, body_check=None
) -> tuple[int, str]:
    headers = {"Host": f"127.0.0.1:{port}"}
    if session:
        headers["Cookie"] = f"sessionid={session}; csrftoken={CSRF}"
    body = None
    if method == "POST":
        body = BODY
        headers.update(
            {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(BODY))}
        )
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        connection.close()
        if body_check is not None and response.status == 200 and not body_check(content):
            return 599, "the page answered, without results"  # counted as a failure of that request
        return response.status, response.getheader("Location") or ""
    except OSError as error:
        return 0, str(error)


def registered(answer: tuple[int, str]) -> bool:
    return answer[0] == 302 and "/events/registrations/" in answer[1]


def burst(port: int, calls: list[tuple[str, str, str | None]]) -> tuple[list[tuple[int, float, str]], float]:
    barrier = threading.Barrier(len(calls) + 1)

    def one(call):
        barrier.wait(timeout=120)
        started = time.perf_counter()
        status, location = request(port, *call, timeout=180)
        return status, (time.perf_counter() - started) * 1000, location

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(one, call) for call in calls]
        barrier.wait(timeout=120)
        started = time.perf_counter()
        results = [f.result() for f in futures]
    return results, time.perf_counter() - started


def registration_burst(port: int, event_id: int, people, capacity: int, label: str) -> dict:
    request(port, "GET", f"/events/{event_id}/", people[0][1])  # warm-up
    results, wall = burst(port, [("POST", f"/events/{event_id}/register/", session) for _, session in people])
    ok = [r for r in results if registered((r[0], r[2]))]
    counts = registration_counts(event_id)
    exact = (
        counts.get("confirmed", 0) == capacity
        and counts.get("waitlisted", 0) == len(people) - capacity
        and counts["duplicates"] == 0
        and len(ok) == len(people)
    )
    log(
        f"{label}: {len(ok)}/{len(people)} registered in {wall:.2f}s ({len(people) / wall:.1f}/s), "
        f"p95 {percentile([r[1] for r in results], 0.95):.0f} ms, confirmed {counts.get('confirmed', 0)}, "
        f"waitlisted {counts.get('waitlisted', 0)}, exact {exact}"
    )
    return {
        "per_s": round(len(people) / wall, 1),
        "p95_ms": round(percentile([r[1] for r in results], 0.95), 1),
        "exact": exact,
        "errors": len(results) - len(ok),
    }


def single_process(stack: Stack, event_id: int, people, capacity: int) -> dict:
    """One daphne on its own port, same services, as bench/registration.py runs it."""
    from scripts.localprocess import free_port

    port = free_port()
    with open(stack.logs / "bench-single.log", "a") as out:
        server = start_server(stack.process_env(), port, out)
    try:
        wait_until_up(port, server, timeout=90, path="/healthz", interval=0.5)
        return registration_burst(port, event_id, people, capacity, "single daphne")
    finally:
        stop_server(server)


# --- Chat clients ------------------------------------------------------------------------------------------------


class Chat:
    """WebSocket clients on one channel through nginx; each sends now and then and records what arrives."""

    def __init__(self, slug: str, sessions: list[str], senders: int) -> None:
        self.slug = slug
        self.sessions = sessions
        self.senders = senders
        self.sent: dict[str, bool] = {}  # ref -> acknowledged
        self.received: list[dict[int, str]] = [{} for _ in sessions]  # per client: seq -> body
        self.duplicate_frames = 0
        self.stop = threading.Event()
        self.quiet = threading.Event()  # no new messages from now on; resends go on
        self.reconnects = 0
        self.error_frames = 0
        self.thread = threading.Thread(target=lambda: asyncio.run(self.main()), daemon=True)

    async def client(self, index: int) -> None:
        import websockets

        url = f"ws://127.0.0.1:{NGINX_PORT}/ws/discussions/"
        headers = {"Origin": f"http://127.0.0.1:{NGINX_PORT}", "Cookie": f"sessionid={self.sessions[index]}"}
        seen = self.received[index]
        counter = 0
        unacked: list[str] = []
        while not self.stop.is_set():
            try:
                async with websockets.connect(
                    url, additional_headers=headers, open_timeout=10, ping_interval=5
                ) as ws:
                    # After the last message of an unbroken run from the first: nothing before it is missing.
                    after = (
                        next((n for n in range(1, len(seen) + 2) if n not in seen), 1) - 1 if seen else None
                    )
                    frame = {"type": "subscribe", "channel": self.slug}
                    if after is not None:
                        frame["after"] = after
                    await ws.send(json.dumps(frame))
                    last_send = last_ping = time.monotonic()
                    for ref in unacked:  # resend what was not acknowledged, with the same ref
                        await ws.send(
                            json.dumps({"type": "send", "channel": self.slug, "body": ref, "ref": ref})
                        )
                    retry: dict[str, float] = {}  # ref -> when to send it again (after an error frame)
                    while not self.stop.is_set():
                        now = time.monotonic()
                        if index < self.senders and not self.quiet.is_set() and now - last_send > 1.0:
                            ref = f"m-{index}-{counter}"
                            counter += 1
                            self.sent[ref] = False
                            unacked.append(ref)
                            await ws.send(
                                json.dumps({"type": "send", "channel": self.slug, "body": ref, "ref": ref})
                            )
                            last_send = now
                        for ref, due in list(retry.items()):
                            if due <= now:
                                del retry[ref]
                                await ws.send(
                                    json.dumps(
                                        {"type": "send", "channel": self.slug, "body": ref, "ref": ref}
                                    )
                                )
                        if now - last_ping > 3:  # re-joins the groups and fills gaps (after a Redis restart)
                            await ws.send(json.dumps({"type": "ping"}))
                            last_ping = now
                        try:
                            raw = await asyncio.wait_for(ws.recv(), timeout=0.2)
                        except TimeoutError:
                            continue
                        frame = json.loads(raw)
                        kind = frame.get("type")
                        if kind == "message" and frame.get("channel") == self.slug:
                            seq = frame.get("seq")
                            if seq in seen:
                                self.duplicate_frames += 1
                            seen[seq] = frame.get("body", "")
                        elif kind == "ack" and frame.get("ref") in self.sent:
                            self.sent[frame["ref"]] = True
                            if frame["ref"] in unacked:
                                unacked.remove(frame["ref"])
                        elif kind == "error":
                            self.error_frames += 1
                            if frame.get("ref") in unacked:  # nothing was stored: send it again shortly
                                retry[frame["ref"]] = time.monotonic() + 1.0
            except (OSError, TimeoutError, websockets.exceptions.WebSocketException):
                self.reconnects += 1
                await asyncio.sleep(0.5)

    async def main(self) -> None:
        await asyncio.gather(*(self.client(i) for i in range(len(self.sessions))))


# --- The fault run -----------------------------------------------------------------------------------------------


class Load:
    """Steady mixed load from a few threads; each request is recorded as (time, kind, ok, status)."""

    def __init__(self, event_id: int, people: list[tuple[int, str]], viewer_session: str) -> None:
        self.event_id = event_id
        self.people = list(people)
        self.viewer = viewer_session
        self.records: list[tuple[float, str, int]] = []
        self.registered: set[int] = set()
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []

    def record(self, kind: str, status: int) -> None:
        with self.lock:
            self.records.append((time.monotonic(), kind, status))

    def pages(self) -> None:
        paths = [f"/events/{self.event_id}/", "/", "/events/"]
        i = 0
        while not self.stop.is_set():
            status, _ = request(NGINX_PORT, "GET", paths[i % len(paths)], self.viewer, timeout=30)
            self.record("page", status)
            i += 1

    def searches(self) -> None:
        queries = ["security", "OT", "event", "vendor", "PLC"]
        i = 0
        while not self.stop.is_set():
            status, _ = request(
                NGINX_PORT,
                "GET",
                f"/search/?q={queries[i % len(queries)]}",
                self.viewer,
                timeout=30,
                body_check=lambda content: not any(notice in content for notice in SEARCH_DOWN),
            )
            self.record("search", status)
            i += 1
            time.sleep(0.1)

    def registrations(self) -> None:
        while not self.stop.is_set():
            with self.lock:
                if not self.people:
                    return
                user_id, session = self.people.pop()
            while True:  # a person tries until the site answers (a real one would click again)
                answer = request(
                    NGINX_PORT, "POST", f"/events/{self.event_id}/register/", session, timeout=30
                )
                self.record("register", answer[0])
                if registered(answer):
                    with self.lock:
                        self.registered.add(user_id)
                    break
                time.sleep(0.3)
            time.sleep(0.2)

    def start(self) -> None:
        for target in (self.pages, self.pages, self.searches, self.registrations, self.registrations):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self.threads.append(thread)

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=90)


def wait_healthy(stack: Stack, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if request(NGINX_PORT, "GET", "/healthz", timeout=5)[0] == 200:
            return
        time.sleep(0.5)
    log("healthz did not recover")


def failed(status: int) -> bool:
    return status == 0 or status >= 500


def fault_run(stack: Stack, load: Load, phase_seconds: float) -> list[dict]:
    es_nodes = stack.es_nodes()

    def kill_es() -> None:
        os.kill(es_nodes[1].pid(), signal.SIGKILL)

    def kill_web() -> None:
        os.kill(stack.web_pids()[0], signal.SIGKILL)

    faults = [
        ("kill_es_node", kill_es),
        ("kill_web_worker", kill_web),
        ("restart_redis", stack.restart_redis),
        ("restart_postgres", stack.restart_postgres),
    ]
    results = []
    time.sleep(phase_seconds / 2)  # steady state before the first fault
    for name, inject in faults:
        log(f"fault: {name}")
        started = time.monotonic()
        inject()
        time.sleep(phase_seconds)
        wait_healthy(stack)
        ended = time.monotonic()
        with load.lock:
            window = [r for r in load.records if started <= r[0] <= ended]
        bad = [r for r in window if failed(r[2])]
        result = {
            "fault": name,
            "requests": len(window),
            "errors_5xx": len(bad),
            "recovered_s": round(max((r[0] for r in bad), default=started) - started, 1),
        }
        if name == "kill_es_node":
            searches = [r for r in window if r[1] == "search"]
            result["search_ok"] = sum(1 for r in searches if r[2] == 200)
            result["search_failed"] = sum(1 for r in searches if r[2] != 200)
            log("starting the killed Elasticsearch node again")
            from scripts.elasticsearch_node import wait_for_members

            es_nodes[1].launch(wait=False)
            wait_for_members(es_nodes, 3, timeout=600)
        log(f"  {result}")
        results.append(result)
    return results


def search_consistent(slug: str) -> tuple[bool, int]:
    """After the outbox drained: Elasticsearch holds every message of the bench channel."""
    from django.db import close_old_connections

    from cpsplatform.discussions.models import Message
    from cpsplatform.elasticsearch_client import get_client, index_name
    from search.sync import pending

    deadline = time.monotonic() + 120
    while True:
        close_old_connections()
        left = pending()
        if left == 0 or time.monotonic() > deadline:
            break
        time.sleep(1)
    stored = Message.objects.filter(channel__slug=slug).count()
    client = get_client()
    client.indices.refresh(index=index_name("*"))
    indexed = client.count(index=index_name("*"), query={"term": {"channel_slug": slug}})["count"]
    return left == 0 and indexed == stored, left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=60)
    parser.add_argument("--phase-seconds", type=float, default=20)
    parser.add_argument("--chat-clients", type=int, default=6)
    parser.add_argument("--skip-faults", action="store_true")
    args = parser.parse_args()
    stack = Stack()
    if request(NGINX_PORT, "GET", "/healthz", timeout=5)[0] != 200:
        raise SystemExit("The stack does not answer on /healthz: run `make stack` first.")
    setup_django(stack)
    tag = f"s{os.getpid()}"
    env = stack.read_env()
    line: dict = {
        "bench": "stack",
        "workers": int(env.get("WEB_WORKERS", 0)),
        "server": env.get("STACK_SERVER"),
    }

    # (a) the burst, through nginx and against one daphne
    single_event = make_event(f"{tag} single", args.capacity)
    single_people = make_people(f"{tag}single", args.clients)
    stack_event = make_event(f"{tag} stack", args.capacity)
    stack_people = make_people(f"{tag}stack", args.clients)
    from django.db import connections

    connections.close_all()
    single = single_process(stack, single_event, single_people, args.capacity)
    through = registration_burst(NGINX_PORT, stack_event, stack_people, args.capacity, "stack via nginx")
    pages, page_wall = burst(NGINX_PORT, [("GET", f"/events/{stack_event}/", s) for _, s in stack_people])
    page_errors = sum(1 for r in pages if r[0] != 200)
    log(
        f"event page: {len(pages) / page_wall:.1f}/s, p95 {percentile([r[1] for r in pages], 0.95):.0f} ms, {page_errors} errors"
    )
    line.update(
        {
            "reg_per_s": through["per_s"],
            "reg_p95_ms": through["p95_ms"],
            "reg_exact": through["exact"] and single["exact"],
            "single_reg_per_s": single["per_s"],
            "single_reg_p95_ms": single["p95_ms"],
            "page_per_s": round(len(pages) / page_wall, 1),
            "page_p95_ms": round(percentile([r[1] for r in pages], 0.95), 1),
            "page_errors": page_errors,
        }
    )

    # (b) faults under load
    if not args.skip_faults:
        fault_event = make_event(f"{tag} faults", 100_000)
        fault_people = make_people(f"{tag}faults", 2000)
        chat_people = make_people(f"{tag}chat", args.chat_clients)
        slug = make_chat(tag, chat_people)
        connections.close_all()
        chat = Chat(slug, [s for _, s in chat_people], senders=max(1, args.chat_clients // 2))
        chat.thread.start()
        load = Load(fault_event, fault_people, chat_people[0][1])
        load.start()
        try:
            line["faults"] = fault_run(stack, load, args.phase_seconds)
        finally:
            load.finish()
            chat.quiet.set()
            time.sleep(10)  # last resends, acknowledgements and deliveries
            chat.stop.set()
            chat.thread.join(timeout=60)
        counts = registration_counts(fault_event)
        from cpsplatform.discussions.models import Message

        bodies = list(Message.objects.filter(channel__slug=slug).values_list("body", flat=True))
        stored = set(bodies)
        acked = {ref for ref, ok in chat.sent.items() if ok}
        lost_messages = len(acked - stored)
        per_client_missing = sum(len(stored - set(seen.values())) for seen in chat.received)
        consistent, left = search_consistent(slug)
        line.update(
            {
                "lost_registrations": len(load.registered - counts["users"]),
                "registrations": len(load.registered),
                "registration_rows": counts["total"],
                "duplicate_registrations": counts["duplicates"],
                "messages_sent": len(chat.sent),
                "messages_acked": len(acked),
                "lost_messages": lost_messages + per_client_missing,
                "duplicate_messages": (len(bodies) - len(stored)) + chat.duplicate_frames,
                "chat_reconnects": chat.reconnects,
                "chat_error_frames": chat.error_frames,
                "search_consistent": consistent,
                "outbox_left": left,
            }
        )
    print(json.dumps(line))


if __name__ == "__main__":
    main()
