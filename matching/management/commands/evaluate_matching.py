"""``python manage.py evaluate_matching DIR [--json]``: quality of the matching engine next to plain BM25."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from matching.evaluation import DatasetError, evaluate, load_dataset
from search.indexes import UNAVAILABLE_ERRORS, get_client, is_available


class Command(BaseCommand):
    help = (
        "Load a judged data set (listings.jsonl, needs.jsonl, qrels.tsv) into a temporary index, match every "
        "need with the site's engine and print nDCG@10, Recall@20 and MRR next to a plain BM25 baseline."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else")

    def handle(self, *args, **options):
        try:
            dataset = load_dataset(options["directory"])
        except DatasetError as error:
            raise CommandError(str(error)) from error
        client = get_client(timeout=60)
        if not is_available(client):
            self._start_managed_node()
        if not is_available(client):
            raise CommandError(
                "Elasticsearch is not reachable: set ELASTICSEARCH_URL or start the managed node."
            )
        try:
            result = evaluate(client, dataset)
        except UNAVAILABLE_ERRORS as error:
            raise CommandError(f"Elasticsearch failed during the evaluation: {error}") from error
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json()))
            return
        self.stdout.write(
            f"{len(dataset.listings)} listings, {len(dataset.needs)} needs ({result.needs} with relevant listings)"
        )
        self.stdout.write(f"{'':10}{'nDCG@10':>10}{'Recall@20':>11}{'MRR':>8}")
        for name, scores in (("engine", result.engine), ("bm25", result.bm25)):
            self.stdout.write(
                f"{name:10}{scores['ndcg@10']:>10.4f}{scores['recall@20']:>11.4f}{scores['mrr']:>8.4f}"
            )
        if result.bm25["ndcg@10"]:
            ratio = result.engine["ndcg@10"] / result.bm25["ndcg@10"]
            self.stdout.write(f"engine / bm25 nDCG@10: {ratio:.3f}")

    def _start_managed_node(self) -> None:
        """Without ``ELASTICSEARCH_URL`` the project-managed node is used: start it if it is not running."""
        if not settings.ELASTICSEARCH_MANAGED:
            raise CommandError(f"ELASTICSEARCH_URL={settings.ELASTICSEARCH_URL} does not answer.")
        from cpsplatform.elasticsearch_node import ManagedNode
        from cpsplatform.localprocess import ServiceError

        self.stderr.write("Starting the project-managed Elasticsearch node ...")
        try:
            ManagedNode.from_settings().start()
        except ServiceError as error:
            raise CommandError(f"Could not start the managed Elasticsearch node: {error}") from error
