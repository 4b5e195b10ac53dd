"""The steps behind ``make run`` and ``make test`` (run as ``python -m scripts.dev run|test`` from the repo root).

``run``: start (or reuse) the managed Elasticsearch node, migrate, seed the demo data and serve the one ASGI
application with daphne on http://127.0.0.1:8000 (``PLATFORM_ENV=development``, ``DEBUG=1``), with the search
worker (``search_sync --loop``) beside it unless ``SEARCH_SYNC_ON_COMMIT=1`` makes the web process index. ``RUN_HOST`` and
``RUN_PORT`` change the address; ``SITE_URL`` (the base of every link in mails) follows them unless it is set.

``test``: run pytest against real services. ``DATABASE_URL`` and ``REDIS_URL`` are used when set; otherwise
throwaway PostgreSQL and Redis servers are started for the run and removed afterwards. Elasticsearch is
``ELASTICSEARCH_URL`` when set, else the managed node (started for the run and stopped afterwards if it was not
already running).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = os.environ.get("RUN_HOST", "127.0.0.1")
PORT = os.environ.get("RUN_PORT", "8000")


def project_settings(platform_env: str):
    """The settings module as plain values (no Django setup needed), read for ``platform_env``."""
    os.environ.setdefault("PLATFORM_ENV", platform_env)
    from cpsplatform import settings

    return settings


def managed_node(settings):
    from scripts.elasticsearch_node import ManagedNode

    return ManagedNode.from_settings(settings=settings)


def start_elasticsearch(settings, stack: ExitStack | None = None) -> None:
    """Make sure Elasticsearch answers; when ``stack`` is given, a node started here is stopped on exit."""
    if not settings.ELASTICSEARCH_MANAGED:
        print(f"Using the Elasticsearch cluster at ELASTICSEARCH_URL={settings.ELASTICSEARCH_URL}.")
        return
    node = managed_node(settings)
    if node.is_running() or node.health() is not None:
        print(f"Elasticsearch already answers at {node.url}.")
        return
    print(f"Starting Elasticsearch {node.version} at {node.url} (first time: fetching it, a few minutes) ...")
    node.start()
    print(f"Elasticsearch ready at {node.url}.", flush=True)
    if stack is not None:
        stack.callback(_stop_node, node)


def _stop_node(node) -> None:
    print(f"Stopping the Elasticsearch node this run started at {node.url}.")
    node.stop()


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def run_site_url(host: str, port: str) -> str:
    """The address ``make run`` serves at, as links in mails must spell it (``0.0.0.0`` is not reachable)."""
    shown = "127.0.0.1" if host in {"0.0.0.0", ""} else host  # noqa: S104 (a bind-all address, only compared)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def start_search_worker(env: dict[str, str]) -> subprocess.Popen:
    """Saves leave indexing to the outbox worker (``SEARCH_SYNC_ON_COMMIT`` off), so the demo runs one beside the
    server. It stays in this terminal's process group: the Ctrl-C that stops daphne stops it too."""
    print("Starting the search worker (manage.py search_sync --loop).", flush=True)
    return subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "search_sync", "--loop", "--interval", "1"], cwd=ROOT, env=env
    )


def cmd_run(extra: list[str]) -> int:
    os.environ.setdefault("PLATFORM_ENV", "development")
    os.environ.setdefault("DEBUG", "1")
    # Before the settings are read: mails sent by the seed and by the server link to where the server really is.
    if not os.environ.get("SITE_URL", "").strip():
        os.environ["SITE_URL"] = run_site_url(HOST, PORT)
    settings = project_settings("development")
    start_elasticsearch(settings)
    env = dict(os.environ)
    manage("migrate", "--noinput", env=env)
    subprocess.run([sys.executable, "-m", "scripts.demo"], cwd=ROOT, env=env, check=True)
    if not settings.SEARCH_SYNC_ON_COMMIT:
        start_search_worker(env)
    print(f"Serving the platform at http://{HOST}:{PORT}/ (Ctrl-C stops the server).", flush=True)
    daphne = [sys.executable, "-m", "daphne", "-b", HOST, "-p", PORT, *extra, "cpsplatform.asgi:application"]
    os.chdir(ROOT)
    os.execve(sys.executable, daphne, env)  # noqa: S606 (daphne replaces this process: Ctrl-C reaches it)


def cmd_test(pytest_args: list[str]) -> int:
    from scripts.localprocess import ServiceError
    from scripts.services import ensure_test_prerequisites, throwaway_postgres, throwaway_redis

    settings = project_settings("test")
    env = dict(os.environ)
    try:
        with ExitStack() as stack:
            ensure_test_prerequisites(
                need_postgres=not env.get("DATABASE_URL"),
                need_redis=not env.get("REDIS_URL"),
                need_java=settings.ELASTICSEARCH_MANAGED,
            )
            if not env.get("DATABASE_URL"):
                env["DATABASE_URL"] = stack.enter_context(
                    throwaway_postgres(settings.CACHE_DIR, settings.SERVICE_USER)
                )
            if not env.get("REDIS_URL"):
                env["REDIS_URL"] = stack.enter_context(throwaway_redis(settings.CACHE_DIR))
            start_elasticsearch(settings, stack)
            print(f"pytest with DATABASE_URL={env['DATABASE_URL']} REDIS_URL={env['REDIS_URL']}", flush=True)
            code = subprocess.run(
                [sys.executable, "-m", "pytest", *pytest_args], cwd=ROOT, env=env
            ).returncode
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if code == 5:
        print("error: pytest collected no tests; that counts as a failure.", file=sys.stderr)
    return code


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["run", "test"])
    parser.add_argument("args", nargs=argparse.REMAINDER, help="passed to daphne (run) or pytest (test)")
    options = parser.parse_args()
    if options.command == "run":
        return cmd_run(options.args)
    return cmd_test(options.args)


if __name__ == "__main__":
    sys.exit(main())
