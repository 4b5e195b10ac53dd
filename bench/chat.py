"""Chat delivery benchmark: N WebSocket clients in one channel, a steady send rate, delivery latency and loss.

    .venv/bin/python bench/chat.py [--clients 200] [--senders 10] [--rate 5] [--duration 30] [--workers 2]

It starts everything it measures on loopback: a throwaway redis-server and a throwaway PostgreSQL cluster (the
project's ``scripts/services.py``; ``--database sqlite`` for a SQLite file, ``--database-url`` for an existing
empty database), ``--workers`` daphne processes serving
``cpsplatform.asgi`` with the Redis channel layer exactly as the settings build it from ``REDIS_URL``, and, as the
baseline, a plain ``websockets`` server that broadcasts every message to every client. The same client processes
drive both: clients are spread over the server processes, ``--senders`` of them post at ``--rate`` messages per
second in total, and every client records when each message arrived. Latency is arrival time minus the sender's
timestamp inside the message (one machine, one monotonic clock). ``lost`` counts (message, client) pairs never
delivered after a drain period. Peak RSS is the sum of the server processes' peak resident memory.

The last line of output is one JSON object; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from bench.stats import percentile  # noqa: E402


def log(*parts) -> None:
    print("[bench/chat]", *parts, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {process.returncode}")
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port} after {timeout}s")


def peak_rss_mb(pids) -> float:
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total_kb += int(line.split()[1])
        except OSError:
            pass
    return round(total_kb / 1024, 1)


# --- preparing the platform's database (runs in a child process with Django configured) -----------------------


def prepare(clients: int) -> None:
    """Migrate, create ``clients`` people in one organisation, a public channel and a session for each."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpsplatform.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from cpsplatform.discussions.models import Channel, ChannelKind
    from cpsplatform.discussions.services import do_create_channel
    from cpsplatform.organisations.models import Membership, Organisation

    org, _ = Organisation.objects.get_or_create(
        slug="bench-org", defaults={"name_en": "Bench", "kind": "user_company"}
    )
    User = get_user_model()  # noqa: N806
    cookies = []
    for n in range(clients):
        user, _ = User.objects.get_or_create(
            email=f"bench{n}@example.test", defaults={"display_name": f"Bench {n}"}
        )
        Membership.objects.get_or_create(organisation=org, user=user)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)
    channel = Channel.objects.filter(key="bench").first() or do_create_channel(
        kind=ChannelKind.PUBLIC, name="Bench", key="bench"
    )
    print(json.dumps({"slug": channel.slug, "cookies": cookies, "cookie_name": settings.SESSION_COOKIE_NAME}))


# --- the baseline: a plain websockets broadcast server ---------------------------------------------------------


def baseline_server(port: int) -> None:
    import websockets
    from websockets.asyncio.server import broadcast, serve

    connected: set = set()
    state = {"seq": 0}

    async def handler(ws):
        connected.add(ws)
        try:
            async for raw in ws:
                frame = json.loads(raw)
                if frame.get("type") == "subscribe":
                    await ws.send(json.dumps({"type": "subscribed", "channel": frame["channel"]}))
                elif frame.get("type") == "send":
                    state["seq"] += 1
                    message = {
                        "type": "message",
                        "channel": frame["channel"],
                        "seq": state["seq"],
                        "body": frame["body"],
                    }
                    broadcast(connected, json.dumps(message))
        except websockets.exceptions.ConnectionClosed:
            pass
        finally:
            connected.discard(ws)

    async def main():
        async with serve(handler, "127.0.0.1", port, max_size=2**20):
            await asyncio.Future()

    asyncio.run(main())


# --- clients ----------------------------------------------------------------------------------------------------


async def run_clients(spec: dict) -> dict:
    """One client process: connect its clients, let its senders send, record arrivals."""
    import websockets

    slug = spec["slug"]
    arrivals: dict[int, dict[str, float]] = {}  # client index -> {body id: arrival}
    latencies: list[float] = []
    subscribed = 0
    connections = []
    ready = asyncio.Event()

    async def reader(index: int, ws) -> None:
        nonlocal subscribed
        seen = arrivals.setdefault(index, {})
        async for raw in ws:
            now = time.monotonic_ns()
            frame = json.loads(raw)
            kind = frame.get("type")
            if kind == "message" and frame.get("channel") == slug:
                body = frame.get("body", "")
                if body.startswith("bench|"):
                    _, message_id, sent_ns = body.split("|")
                    if message_id not in seen:
                        seen[message_id] = now
                        latencies.append((now - int(sent_ns)) / 1e6)
            elif kind == "error":
                log("error frame:", frame)
            elif kind == "subscribed":
                subscribed += 1
                if subscribed == len(spec["clients"]):
                    ready.set()

    tasks = []
    for index, (url, origin, cookie) in spec["clients"]:
        headers = {"Origin": origin}
        if cookie:
            headers["Cookie"] = f"{spec['cookie_name']}={cookie}"
        for attempt in range(20):
            try:
                ws = await websockets.connect(
                    url, additional_headers=headers, open_timeout=30, ping_interval=None, max_size=2**22
                )
                break
            except (OSError, websockets.exceptions.WebSocketException, TimeoutError):
                await asyncio.sleep(0.5 + attempt * 0.2)
        else:
            raise SystemExit(f"client {index} could not connect")
        connections.append((index, ws))
        tasks.append(asyncio.create_task(reader(index, ws)))
        # "after" = the channel's current end: only what is sent from now on is delivered.
        await ws.send(json.dumps({"type": "subscribe", "channel": slug, "after": spec["after"]}))
        await asyncio.sleep(spec["connect_gap"])
    await asyncio.wait_for(ready.wait(), timeout=300)
    spec["ready_queue"].put(("ready", spec["process"]))
    # Wait for the start signal (a shared timestamp), then send on schedule.
    loop = asyncio.get_running_loop()
    # Wait in a thread: a blocking get here would stop this process from reading its sockets meanwhile.
    start_at = await loop.run_in_executor(None, spec["start_queue"].get)
    await asyncio.sleep(max(0.0, start_at - time.time()))
    senders = [(i, ws) for i, ws in connections if i in spec["senders"]]
    sent = 0
    if senders:
        interval = len(spec["all_senders"]) / spec["rate"]
        begin = time.monotonic()
        end = begin + spec["duration"]
        offsets = {i: (spec["all_senders"].index(i) / spec["rate"]) for i, _ in senders}
        counters = dict.fromkeys(offsets, 0)

        async def sender(i, ws):
            nonlocal sent
            while True:
                due = begin + offsets[i] + counters[i] * interval
                if due >= end:
                    return
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                message_id = f"{i}-{counters[i]}"
                body = f"bench|{message_id}|{time.monotonic_ns()}"
                await ws.send(json.dumps({"type": "send", "channel": slug, "body": body, "ref": message_id}))
                counters[i] += 1
                sent += 1

        await asyncio.gather(*(sender(i, ws) for i, ws in senders))
    spec["ready_queue"].put(("sent", sent))
    total_expected = await loop.run_in_executor(None, spec["done_queue"].get)  # what all processes sent
    deadline = time.monotonic() + spec["drain"]
    while time.monotonic() < deadline:
        if all(len(arrivals.get(i, {})) >= total_expected for i, _ in connections):
            break
        await asyncio.sleep(0.1)
    for _, ws in connections:
        await ws.close()
    for task in tasks:
        task.cancel()
    delivered = sum(len(arrivals.get(i, {})) for i, _ in connections)
    return {"delivered": delivered, "latencies": latencies, "clients": len(connections)}


def client_process(spec: dict, results) -> None:
    results.put(asyncio.run(run_clients(spec)))


def measure(
    targets: list[tuple[str, str]], cookies: list[str | None], args, slug: str, cookie_name: str
) -> dict:
    """Drive ``args.clients`` clients spread over ``targets`` (url, origin) from ``args.client_processes``
    processes; returns sent, delivered, lost and latency percentiles."""
    context = multiprocessing.get_context("fork")
    ready_queue, results = context.Queue(), context.Queue()
    all_senders = list(range(0, args.clients, max(1, args.clients // args.senders)))[: args.senders]
    processes, start_queues, done_queues = [], [], []
    for p in range(args.client_processes):
        share = -(-args.clients // args.client_processes)
        indices = list(range(p * share, min(args.clients, (p + 1) * share)))
        start_queue, done_queue = context.Queue(), context.Queue()
        spec = {
            "slug": slug,
            "cookie_name": cookie_name,
            "clients": [(i, (*targets[i % len(targets)], cookies[i])) for i in indices],
            "senders": set(all_senders) & set(indices),
            "all_senders": all_senders,
            "rate": args.rate,
            "duration": args.duration,
            "drain": args.drain,
            "after": args.after,
            "connect_gap": args.connect_gap,
            "process": p,
            "ready_queue": ready_queue,
            "start_queue": start_queue,
            "done_queue": done_queue,
        }
        process = context.Process(target=client_process, args=(spec, results), daemon=True)
        process.start()
        processes.append(process)
        start_queues.append(start_queue)
        done_queues.append(done_queue)
    for _ in processes:
        ready_queue.get(timeout=600)
    log(f"{args.clients} clients subscribed; settling")
    time.sleep(args.settle)
    start_at = time.time() + 1.0
    for queue in start_queues:
        queue.put(start_at)
    sent = 0
    for _ in processes:
        kind, value = ready_queue.get(timeout=args.duration + 120)
        sent += value
    for queue in done_queues:
        queue.put(sent)
    outcome = [results.get(timeout=args.drain + 120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    latencies = [lat for result in outcome for lat in result["latencies"]]
    delivered = sum(result["delivered"] for result in outcome)
    clients = sum(result["clients"] for result in outcome)
    return {
        "sent": sent,
        "delivered": delivered,
        "lost": sent * clients - delivered,
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "mean_ms": round(statistics.fmean(latencies), 2) if latencies else float("nan"),
    }


def delete_indexes(prefix: str) -> None:
    """Remove this run's Elasticsearch indexes (messages are indexed as on the site); quiet when there is none."""
    import urllib.error
    import urllib.request

    port = os.environ.get("ELASTICSEARCH_MANAGED_PORT", "9200")
    host = (os.environ.get("ELASTICSEARCH_URL") or f"http://127.0.0.1:{port}").rstrip("/")
    # Wildcard deletes are refused by default (action.destructive_requires_name): name the indexes behind the
    # messages alias, the one kind chat writes.
    alias = f"{prefix}-messages"
    try:
        with urllib.request.urlopen(f"{host}/{alias}/_alias", timeout=10) as response:
            names = sorted(json.load(response))
        for name in names:
            request = urllib.request.Request(f"{host}/{name}?ignore_unavailable=true", method="DELETE")
            urllib.request.urlopen(request, timeout=10).close()
    except urllib.error.HTTPError as exc:
        if exc.code != 404:  # no alias: nothing was indexed
            log(f"could not delete the indexes behind {alias}: {exc}")
    except OSError as exc:
        log(f"could not delete the indexes behind {alias}: {exc}")


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--senders", type=int, default=10)
    parser.add_argument("--rate", type=float, default=5.0, help="messages per second, all senders together")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of sending")
    parser.add_argument("--drain", type=float, default=15.0, help="seconds to wait for late deliveries")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds between subscribing and sending")
    parser.add_argument("--workers", type=int, default=2, help="daphne processes")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--connect-gap", type=float, default=0.02, help="seconds between two client connects")
    parser.add_argument(
        "--database", choices=["postgres", "sqlite"], default="postgres", help="throwaway database"
    )
    parser.add_argument(
        "--layer",
        choices=["settings", "core"],
        default="settings",
        help="the channel layer as the settings build it from REDIS_URL (pub/sub), or channels-redis' core layer",
    )
    parser.add_argument("--database-url", default="", help="use this existing, empty database instead")
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--baseline-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare is not None:
        prepare(args.prepare)
        return
    if args.baseline_server is not None:
        baseline_server(args.baseline_server)
        return
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up below on SIGTERM too
    sys.path.insert(0, str(BASE_DIR))
    from scripts.localprocess import DEFAULT_SERVICE_USER
    from scripts.services import ensure_test_prerequisites, throwaway_postgres, throwaway_redis

    ensure_test_prerequisites(need_postgres=True, need_redis=True, need_java=False, need_browser=False)
    tmp = Path(tempfile.mkdtemp(prefix="bench-chat-"))
    tmp.chmod(0o755)  # the throwaway PostgreSQL may run as an unprivileged user (under root) inside it
    servers: list[subprocess.Popen] = []
    baseline = None
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, tmp, True)
        index_prefix = f"cpsp-bench-chat-{os.getpid()}"
        stack.callback(delete_indexes, index_prefix)
        stack.enter_context(contextlib.redirect_stdout(sys.stderr))  # progress of the helpers goes to stderr
        redis_url = stack.enter_context(throwaway_redis(tmp))
        if args.database_url:
            database_url = args.database_url
        elif args.database == "sqlite":
            database_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
        else:
            database_url = stack.enter_context(throwaway_postgres(tmp, DEFAULT_SERVICE_USER))
        env = {
            **os.environ,
            "PLATFORM_ENV": "development",
            "DEBUG": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "LOG_LEVEL": "WARNING",
            # Messages are indexed for search as on the site, into indexes of this run only (deleted at the end).
            "ELASTICSEARCH_INDEX_PREFIX": index_prefix,
            # The consumers' database work runs in one long-lived thread per process: keep its connection
            # (as a deployment would) instead of reconnecting on every action.
            "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
            "DJANGO_SETTINGS_MODULE": (
                "bench.chat_core_layer_settings" if args.layer == "core" else "cpsplatform.settings"
            ),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(BASE_DIR), os.environ.get("PYTHONPATH", "")])),
        }
        log("preparing the database (migrate, people, sessions)")
        prepared = json.loads(
            subprocess.run(
                [PYTHON, __file__, "--prepare", str(args.clients)], cwd=BASE_DIR, env=env, check=True,
                capture_output=True, text=True,
            ).stdout.strip().splitlines()[-1]
        )  # fmt: skip

        def stop_all():
            for server in servers:
                stop(server)
            stop(baseline)

        stack.callback(stop_all)
        args.after = 0
        ports = [free_port() for _ in range(args.workers)]
        for port in ports:
            command = [
                PYTHON,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "cpsplatform.asgi:application",
            ]
            with (tmp / f"daphne-{port}.log").open("wb") as server_log:
                servers.append(
                    subprocess.Popen(
                        command, cwd=BASE_DIR, env=env, stdout=server_log, stderr=subprocess.STDOUT
                    )
                )
        for port, server in zip(ports, servers, strict=True):
            wait_port(port, server)
        log(f"{args.workers} daphne worker(s) up on {ports}")
        targets = [(f"ws://127.0.0.1:{port}/ws/discussions/", f"http://127.0.0.1:{port}") for port in ports]
        platform = measure(targets, prepared["cookies"], args, prepared["slug"], prepared["cookie_name"])
        platform_rss = peak_rss_mb([server.pid for server in servers])
        log("platform:", json.dumps(platform), f"peak RSS {platform_rss} MB")
        for server in servers:
            stop(server)

        base_port = free_port()
        baseline = subprocess.Popen(
            [PYTHON, __file__, "--baseline-server", str(base_port)],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        wait_port(base_port, baseline)
        base_targets = [(f"ws://127.0.0.1:{base_port}/", f"http://127.0.0.1:{base_port}")]
        reference = measure(base_targets, [None] * args.clients, args, "bench", "sessionid")
        baseline_rss = peak_rss_mb([baseline.pid])
        log("baseline:", json.dumps(reference), f"peak RSS {baseline_rss} MB")
    print(
        json.dumps(
            {
                "bench": "chat",
                "clients": args.clients,
                "sent": platform["sent"],
                "delivered": platform["delivered"],
                "lost": platform["lost"],
                "p50_ms": platform["p50_ms"],
                "p95_ms": platform["p95_ms"],
                "p99_ms": platform["p99_ms"],
                "baseline_p99_ms": reference["p99_ms"],
                "peak_rss_mb": platform_rss,
                "baseline_p50_ms": reference["p50_ms"],
                "baseline_lost": reference["lost"],
                "baseline_peak_rss_mb": baseline_rss,
                "workers": args.workers,
                "rate_per_s": args.rate,
                "layer": args.layer,
            }
        )
    )


if __name__ == "__main__":
    main()
