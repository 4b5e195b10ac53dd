"""``python -m scripts.elasticsearch start|ensure|stop|status|path``: the project-managed Elasticsearch node.

A development tool, not part of the web product: production points ``ELASTICSEARCH_URL`` at its own cluster.
The settings are read without setting Django up, as ``scripts.dev`` does.
"""

from __future__ import annotations

import argparse
import os
import sys

from scripts.elasticsearch_node import ManagedNode, ensure_distribution
from scripts.localprocess import ServiceError


def start(node: ManagedNode) -> None:
    if node.is_running():
        print(f"Elasticsearch already running at {node.url} (pid {node.pid()}).")
        node.wait_ready()
        return
    print(f"Starting Elasticsearch {node.version} at {node.url} (heap {node.heap}) ...", flush=True)
    health = node.start()
    print(
        f"Elasticsearch ready at {node.url}: cluster {health['cluster_name']}, status {health['status']}, "
        f"pid {node.pid()}, data in {node.state_dir}."
    )


def stop(node: ManagedNode) -> None:
    if node.stop():
        print(f"Stopped Elasticsearch at {node.url}.")
    else:
        print(f"Elasticsearch at {node.url} was not running.")


def status(node: ManagedNode) -> None:
    pid = node.pid()
    health = node.health()
    if pid is None:
        where = " (but something else answers on that port)" if health else ""
        print(f"Elasticsearch at {node.url}: not running{where}. State dir: {node.state_dir}")
        return
    state = f"status {health['status']}" if health else "not answering yet"
    print(f"Elasticsearch at {node.url}: running, pid {pid}, {state}. State dir: {node.state_dir}")


def path(node: ManagedNode) -> None:
    print(ensure_distribution(node.version, node.cache_dir))


ACTIONS = {"start": start, "ensure": start, "stop": stop, "status": status, "path": path}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=sorted(ACTIONS))
    parser.add_argument("--port", type=int, default=None, help="Port (default ELASTICSEARCH_MANAGED_PORT).")
    options = parser.parse_args(argv)
    os.environ.setdefault("PLATFORM_ENV", "development")
    from cpsplatform import settings

    if not settings.ELASTICSEARCH_MANAGED and options.action != "path":
        print(
            f"ELASTICSEARCH_URL is set ({settings.ELASTICSEARCH_URL}): using that cluster, managing nothing."
        )
        return 0
    node = ManagedNode.from_settings(port=options.port, settings=settings)
    try:
        ACTIONS[options.action](node)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
