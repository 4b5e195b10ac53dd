from django.core.management.base import BaseCommand, CommandError

from search.indexes import KINDS, UNAVAILABLE_ERRORS, get_client, is_available
from search.sync import drain, reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes from the database into new versioned indexes and swap the aliases to them "
        "atomically (searches keep working meanwhile); the old indexes are removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=f"which indexes ({', '.join(KINDS)}); all by default")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        client = get_client(timeout=120)
        if not is_available(client):
            raise CommandError("Elasticsearch is not reachable; nothing was changed.")
        unknown = sorted(set(options["kinds"]) - set(KINDS))
        if unknown:
            raise CommandError(f"Unknown index {', '.join(unknown)}: choose from {', '.join(KINDS)}")
        show = not options["no_progress"]
        for kind in options["kinds"] or KINDS:
            try:
                result = reindex(kind, client, progress=self._progress(kind) if show else None)
            except UNAVAILABLE_ERRORS as error:
                raise CommandError(
                    f"Reindexing {kind} failed; the old index still serves searches: {error}"
                ) from error
            if show:
                self.stdout.write("")
            self.stdout.write(
                f"{kind}: {result.documents} documents in {result.index}"
                + (f"; removed {', '.join(result.removed)}" if result.removed else "")
            )
        drain(client)

    def _progress(self, kind: str):
        out = self.stdout

        def show(done: int, total: int) -> None:
            width = 30
            filled = int(width * done / total) if total else width
            out.write(f"\r{kind:9} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
            out.flush()

        return show
