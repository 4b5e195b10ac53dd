"""Training the learned re-ranker (``matching.ranker``) from judged sets and users' feedback.

Every judged need is run through the engine's first stage (``engine.retrieve_candidates``), exactly as the site
runs it; each candidate becomes one row of ``engine.FEATURES`` labelled with its grade (0 when unjudged). The model
is assessed by k-fold cross-validation *by need* (no need has rows on both sides of a split), next to the hand
weights ordering the same candidates, and is then trained on everything.

Held-out data is refused: no path with a ``holdout`` component is ever read.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from elasticsearch import Elasticsearch

from matching import engine
from matching.evaluation import bulk_index_listings, load_dataset
from matching.metrics import has_relevant, ndcg_at
from search.indexes import create_index, delete_indexes, temporary_name
from search.records import NeedRecord


class TrainingError(ValueError):
    """The training data cannot be used; the message says why."""


@dataclass
class Group:
    """One need's candidates: ids, feature rows, grades and the hand weights' scores."""

    need_id: str
    ids: list[str]
    rows: list[list[float]]
    labels: list[int]
    hand: list[float]
    judgements: dict[str, int]


@dataclass
class TrainingData:
    groups: list[Group] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def refuse_holdout(path: Path) -> None:
    if any("holdout" in part.lower() for part in Path(path).resolve().parts):
        raise TrainingError(f"{path}: held-out data is never used for training")


def _groups(
    client: Elasticsearch, index: str, needs: Iterable[NeedRecord], qrels: dict[str, dict[str, int]]
) -> list[Group]:
    groups = []
    for need in needs:
        judged = qrels.get(need.id, {})
        if not has_relevant(judged):
            continue
        found = engine.retrieve_candidates(client, index, need, source=False)
        if not found.hits:
            continue
        best_text = max(engine._sum(hit.clause_scores, engine.TEXT_CLAUSES) for hit in found.hits)
        groups.append(
            Group(
                need_id=need.id,
                ids=[hit.id for hit in found.hits],
                rows=[engine.features(need, hit, best_text) for hit in found.hits],
                labels=[judged.get(hit.id, 0) for hit in found.hits],
                hand=[engine.hand_score(need, hit, best_text, engine.DEFAULT_WEIGHTS) for hit in found.hits],
                judgements=judged,
            )
        )
    return groups


def from_judged_set(client: Elasticsearch, directory: Path) -> list[Group]:
    """Groups for every judged need of a data set, loaded into a temporary index (deleted afterwards)."""
    refuse_holdout(directory)
    dataset = load_dataset(directory)
    index = temporary_name("train", "listings")
    create_index(client, "listings", index)
    try:
        bulk_index_listings(client, index, dataset.listings)
        client.indices.refresh(index=index)
        return [
            Group(**{**group.__dict__, "need_id": f"{directory.name}/{group.need_id}"})
            for group in _groups(client, index, dataset.needs, dataset.qrels)
        ]
    finally:
        delete_indexes(client, [index])


def read_feedback(path: Path) -> dict[str, dict[str, int]]:
    """Qrels written by ``export_judgements`` (site need id, site listing id, grade)."""
    refuse_holdout(path)
    qrels: dict[str, dict[str, int]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].strip().isdigit() or not 0 <= int(parts[2]) <= 3:
            raise TrainingError(f"{path.name}:{number}: expected need_id<TAB>listing_id<TAB>grade 0-3")
        qrels.setdefault(parts[0].strip(), {})[parts[1].strip()] = int(parts[2])
    return qrels


def from_feedback(client: Elasticsearch, index: str, qrels: dict[str, dict[str, int]]) -> list[Group]:
    """Groups for the site's needs that users judged, against the site's listings index."""
    from search.sources import need_record, needs_queryset

    needs = [
        need_record(need) for need in needs_queryset().filter(pk__in=[int(k) for k in qrels if k.isdigit()])
    ]
    return [
        Group(**{**group.__dict__, "need_id": f"feedback/{group.need_id}"})
        for group in _groups(client, index, needs, qrels)
    ]


def _ndcg(groups: list[Group], scores: list[list[float]]) -> float:
    values = []
    for group, group_scores in zip(groups, scores, strict=True):
        order = sorted(range(len(group.ids)), key=lambda i: (-group_scores[i], i))
        values.append(ndcg_at([group.ids[i] for i in order], group.judgements, 10))
    return sum(values) / len(values) if values else 0.0


def _matrix(rows: list[list[float]]):
    import numpy

    return numpy.array(rows, dtype=float)


def _train(groups: list[Group]):
    import lightgbm
    import numpy

    from matching.ranker import PARAMS, ROUNDS

    rows = numpy.array([row for group in groups for row in group.rows], dtype=float)
    labels = numpy.array([label for group in groups for label in group.labels])
    data = lightgbm.Dataset(rows, label=labels, group=[len(group.rows) for group in groups])
    return lightgbm.train(PARAMS, data, num_boost_round=ROUNDS)


@dataclass
class CrossValidation:
    folds: int
    needs: int
    model_ndcg: float
    hand_ndcg: float


def cross_validate(groups: list[Group], folds: int = 5, seed: int = 7) -> CrossValidation:
    """k-fold by need: each need's candidates are scored by a model that never saw that need."""
    if len(groups) < folds:
        raise TrainingError(f"{len(groups)} judged needs cannot be split into {folds} folds")
    order = list(range(len(groups)))
    random.Random(seed).shuffle(order)
    model_scores: list[list[float] | None] = [None] * len(groups)
    for fold in range(folds):
        test = [i for position, i in enumerate(order) if position % folds == fold]
        train = [i for position, i in enumerate(order) if position % folds != fold]
        booster = _train([groups[i] for i in train])
        for i in test:
            model_scores[i] = [float(s) for s in booster.predict(_matrix(groups[i].rows), num_threads=1)]
    return CrossValidation(
        folds=folds,
        needs=len(groups),
        model_ndcg=round(_ndcg(groups, model_scores), 4),  # type: ignore[arg-type]
        hand_ndcg=round(_ndcg(groups, [group.hand for group in groups]), 4),
    )


def train_final(groups: list[Group]):
    return _train(groups)
