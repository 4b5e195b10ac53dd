import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from matching.services import judgements


class Command(BaseCommand):
    help = (
        "Export users' feedback on suggestions as graded judgements (qrels: need_id<TAB>listing_id<TAB>grade), "
        "the format evaluate_matching reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args, **options):
        lines = [f"{need}\t{listing}\t{grade}\n" for need, listing, grade in judgements()]
        if options["output"]:
            options["output"].write_text("".join(lines), encoding="utf-8")
            self.stderr.write(f"{len(lines)} judgements written to {options['output']}")
        else:
            (self.stdout if self.stdout else sys.stdout).write("".join(lines), ending="")
