from django.core.management.base import BaseCommand, CommandError

from search.indexes import SearchUnavailable
from search.sync import drain, pending, sync_loop


class Command(BaseCommand):
    help = "Send pending changes (the indexing outbox) to Elasticsearch, once or continuously (--loop)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="keep draining; back off while Elasticsearch is down"
        )
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between drains when idle")

    def handle(self, *args, **options):
        if options["loop"]:
            self.stdout.write("Draining the search outbox continuously (Ctrl-C to stop).")
            try:
                sync_loop(idle_seconds=options["interval"], log=self.stdout.write)
            except KeyboardInterrupt:
                self.stdout.write("Stopped.")
            return
        try:
            result = drain()
        except SearchUnavailable as error:
            raise CommandError(
                f"Elasticsearch is unavailable; {pending()} changes wait in the outbox ({error})"
            ) from error
        self.stdout.write(
            f"indexed {result.indexed}, deleted {result.deleted}, failed {result.failed}; {pending()} still pending"
        )
