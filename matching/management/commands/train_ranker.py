"""``python manage.py train_ranker DIR [DIR ...] [--feedback FILE] [--folds 5] [--output PATH] [--force]``."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching import ranker, training
from matching.engine import FEATURES
from matching.evaluation import DatasetError
from search.indexes import UNAVAILABLE_ERRORS, ensure_index, get_client, is_available


class Command(BaseCommand):
    help = (
        "Train the matching re-ranker (LightGBM lambdarank over the engine's features) from judged sets and "
        "exported feedback; report k-fold cross-validated nDCG@10 (by need) next to the hand weights, and write "
        "the model the engine loads — only when it beats the hand weights, unless --force. Held-out sets are "
        "refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("directories", nargs="*", type=Path, help="judged sets (listings/needs/qrels)")
        parser.add_argument(
            "--feedback", type=Path, help="qrels from export_judgements (site needs against the site's index)"
        )
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--output", type=Path, help=f"model file (default: {ranker.model_path()})")
        parser.add_argument("--force", action="store_true", help="write the model even if it does not win")
        parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else")

    def handle(self, *args, **options):
        if not options["directories"] and not options["feedback"]:
            raise CommandError("Give at least one judged set directory or --feedback FILE.")
        if options["folds"] < 2:
            raise CommandError("--folds must be at least 2.")
        try:
            import lightgbm  # noqa: F401
        except ImportError as error:
            raise CommandError("LightGBM is not installed (pip install lightgbm).") from error
        client = get_client(timeout=60)
        if not is_available(client):
            raise CommandError("Elasticsearch is not reachable: set ELASTICSEARCH_URL or start the node.")
        groups = []
        try:
            for directory in options["directories"]:
                groups += training.from_judged_set(client, directory)
            if options["feedback"]:
                if not options["feedback"].is_file():
                    raise CommandError(f"{options['feedback']} is missing")
                qrels = training.read_feedback(options["feedback"])
                groups += training.from_feedback(client, ensure_index(client, "listings"), qrels)
            result = training.cross_validate(groups, folds=options["folds"])
        except (training.TrainingError, DatasetError) as error:
            raise CommandError(str(error)) from error
        except UNAVAILABLE_ERRORS as error:
            raise CommandError(f"Elasticsearch failed during training: {error}") from error

        output = options["output"] or ranker.model_path()
        wins = result.model_ndcg > result.hand_ndcg
        written = wins or options["force"]
        if written:
            meta = {
                "trained_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "sources": [str(d) for d in options["directories"]]
                + ([str(options["feedback"])] if options["feedback"] else []),
                "needs": result.needs,
                "cv_folds": result.folds,
                "cv_ndcg@10": result.model_ndcg,
                "hand_ndcg@10": result.hand_ndcg,
            }
            ranker.save(output, training.train_final(groups), FEATURES, meta)
        report = {
            "needs": result.needs,
            "folds": result.folds,
            "cv_ndcg@10": result.model_ndcg,
            "hand_ndcg@10": result.hand_ndcg,
            "written": str(output) if written else None,
        }
        if options["json"]:
            self.stdout.write(json.dumps(report))
            return
        self.stdout.write(
            f"{result.needs} judged needs, {result.folds}-fold CV by need (re-ranking the same candidates):"
        )
        self.stdout.write(f"  learned ranker nDCG@10 {result.model_ndcg:.4f}")
        self.stdout.write(f"  hand weights   nDCG@10 {result.hand_ndcg:.4f}")
        if written:
            self.stdout.write(f"Model written to {output}")
        else:
            self.stdout.write(
                "The learned ranker does not beat the hand weights: no model written (--force)."
            )
