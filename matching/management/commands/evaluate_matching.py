"""``python manage.py evaluate_matching DIR [--json] [--per-need FILE]``: quality of the matching engine next to
plain BM25 and bigram BM25."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from matching.evaluation import SYSTEMS, DatasetError, evaluate, load_dataset, per_need
from search.indexes import UNAVAILABLE_ERRORS, get_client, is_available

PROGRESS_WIDTH = 30


def _plain(text: str) -> str:
    return text


class Command(BaseCommand):
    help = (
        "Load a judged data set (listings.jsonl, needs.jsonl, qrels.tsv) into temporary indexes, match every "
        "need with the site's engine and print nDCG@10, Recall@20 and MRR next to plain BM25 and bigram BM25, "
        "overall and on subsets (needs with and without categories, relevant pairs across and within languages)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else")
        parser.add_argument(
            "--per-need",
            type=Path,
            metavar="FILE",
            help=(
                "write one JSON line per need with a relevant listing: the engine's top 10 with grades (null when "
                "not judged) and matched clauses, and every system's nDCG@10"
            ),
        )

    def handle(self, *args, **options):
        try:
            dataset = load_dataset(options["directory"])
        except DatasetError as error:
            raise CommandError(str(error)) from error
        per_need_path: Path | None = options["per_need"]
        if per_need_path and not per_need_path.parent.is_dir():
            raise CommandError(f"--per-need: the directory {per_need_path.parent} does not exist")
        client = get_client(timeout=60)
        if not is_available(client):
            self._start_managed_node()
        if not is_available(client):
            raise CommandError(
                "Elasticsearch is not reachable: set ELASTICSEARCH_URL or start the managed node."
            )
        try:
            result = evaluate(client, dataset, progress=self._progress)
        except UNAVAILABLE_ERRORS as error:
            raise CommandError(f"Elasticsearch failed during the evaluation: {error}") from error
        if per_need_path:
            judged = [need for need in dataset.needs if need.id in result.rankings.by_system["engine"]]
            try:
                with per_need_path.open("w", encoding="utf-8") as handle:
                    for record in per_need(dataset, result.rankings, judged):
                        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            except OSError as error:
                raise CommandError(f"--per-need: cannot write {per_need_path}: {error.strerror}") from error
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json()))
            return
        self._table(dataset, result)

    def _progress(self, done: int, total: int) -> None:
        """A plain-text progress bar on stderr, redrawn in place; stdout stays clean for ``--json``."""
        filled = round(PROGRESS_WIDTH * done / total) if total else PROGRESS_WIDTH
        bar = "#" * filled + "." * (PROGRESS_WIDTH - filled)
        self.stderr.write(
            f"\rmatching needs [{bar}] {done}/{total}",
            style_func=_plain,
            ending="\n" if done >= total else "",
        )
        self.stderr.flush()

    def _table(self, dataset, result) -> None:
        self.stdout.write(
            f"{len(dataset.listings)} listings, {len(dataset.needs)} needs ({result.needs} with relevant listings)"
        )
        self.stdout.write(f"{'':13}{'nDCG@10':>10}{'Recall@20':>11}{'MRR':>8}{'judged@10':>11}")
        for name in SYSTEMS:
            scores = result.scores[name]
            self.stdout.write(
                f"{name:13}{scores['ndcg@10']:>10.4f}{scores['recall@20']:>11.4f}{scores['mrr']:>8.4f}"
                f"{result.judged[name]:>11.4f}"
            )
        for baseline in ("bm25", "bm25_bigram"):
            if result.scores[baseline]["ndcg@10"]:
                ratio = result.engine["ndcg@10"] / result.scores[baseline]["ndcg@10"]
                self.stdout.write(f"engine / {baseline} nDCG@10: {ratio:.3f}")
        for metric, heading in (("ndcg@10", "nDCG@10 on subsets"), ("reach@10", "reach@10 (grade 2-3)")):
            self.stdout.write("")
            self.stdout.write(f"{heading:22}{'needs':>6}" + "".join(f"{name:>13}" for name in SYSTEMS))
            for name, figures in result.subsets.items():
                row = "".join(f"{figures[system][metric]:>13.4f}" for system in SYSTEMS)
                self.stdout.write(f"{name:22}{figures['needs']:>6}{row}")

    def _start_managed_node(self) -> None:
        """Without ``ELASTICSEARCH_URL`` the project-managed node is used: start it if it is not running."""
        if not settings.ELASTICSEARCH_MANAGED:
            raise CommandError(f"ELASTICSEARCH_URL={settings.ELASTICSEARCH_URL} does not answer.")
        from scripts.elasticsearch_node import ManagedNode
        from scripts.localprocess import ServiceError

        self.stderr.write("Starting the project-managed Elasticsearch node ...")
        try:
            ManagedNode.from_settings().start()
        except ServiceError as error:
            raise CommandError(f"Could not start the managed Elasticsearch node: {error}") from error
