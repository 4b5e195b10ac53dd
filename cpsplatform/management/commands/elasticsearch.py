"""``python manage.py elasticsearch start|stop|status|path|ensure``: the project-managed Elasticsearch node."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cpsplatform.elasticsearch_node import ManagedNode, ensure_distribution
from cpsplatform.localprocess import ServiceError


class Command(BaseCommand):
    help = (
        "Manage the local Elasticsearch node on 127.0.0.1:ELASTICSEARCH_MANAGED_PORT. "
        "start: fetch if needed and start; ensure: start unless it runs; stop; status; path: the distribution dir."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "ensure", "stop", "status", "path"])
        parser.add_argument(
            "--port", type=int, default=None, help="Port (default ELASTICSEARCH_MANAGED_PORT)."
        )

    def handle(self, *args, action: str, port: int | None, **options):
        if not settings.ELASTICSEARCH_MANAGED and action != "path":
            self.stdout.write(
                f"ELASTICSEARCH_URL is set ({settings.ELASTICSEARCH_URL}): using that cluster, managing nothing."
            )
            return
        node = ManagedNode.from_settings(port=port)
        try:
            getattr(self, f"do_{action}")(node)
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc

    def do_start(self, node: ManagedNode) -> None:
        if node.is_running():
            self.stdout.write(f"Elasticsearch already running at {node.url} (pid {node.pid()}).")
            node.wait_ready()
            return
        self.stdout.write(f"Starting Elasticsearch {node.version} at {node.url} (heap {node.heap}) ...")
        health = node.start()
        self.stdout.write(
            self.style.SUCCESS(
                f"Elasticsearch ready at {node.url}: cluster {health['cluster_name']}, status {health['status']}, "
                f"pid {node.pid()}, data in {node.state_dir}."
            )
        )

    do_ensure = do_start

    def do_stop(self, node: ManagedNode) -> None:
        if node.stop():
            self.stdout.write(self.style.SUCCESS(f"Stopped Elasticsearch at {node.url}."))
        else:
            self.stdout.write(f"Elasticsearch at {node.url} was not running.")

    def do_status(self, node: ManagedNode) -> None:
        pid = node.pid()
        health = node.health()
        if pid is None:
            where = " (but something else answers on that port)" if health else ""
            self.stdout.write(f"Elasticsearch at {node.url}: not running{where}. State dir: {node.state_dir}")
            return
        state = f"status {health['status']}" if health else "not answering yet"
        self.stdout.write(
            f"Elasticsearch at {node.url}: running, pid {pid}, {state}. State dir: {node.state_dir}"
        )

    def do_path(self, node: ManagedNode) -> None:
        self.stdout.write(str(ensure_distribution(node.version, node.cache_dir)))
