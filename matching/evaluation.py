"""Evaluate the matching engine on a judged data set, next to the plain BM25 and bigram BM25 baselines.

The data set (a directory with ``listings.jsonl``, ``needs.jsonl`` and ``qrels.tsv``, read strictly by
``matching.dataset``) is loaded into temporary indexes under the configured prefix — never the site's indexes —
through the same document builders the site uses; every need is then matched by the same engine code the site
runs. The searches go to Elasticsearch in ``_msearch`` batches. The indexes are deleted afterwards, whatever
happens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from matching import engine
from matching.baselines import bigram_query, create_bigram_index
from matching.dataset import Dataset, DatasetError, load_dataset
from matching.metrics import has_relevant, ndcg_at, summarise
from search.documents import listing_action
from search.indexes import create_index, delete_indexes, temporary_name
from search.records import ListingRecord, NeedRecord

__all__ = ["Dataset", "DatasetError", "EvaluationResult", "evaluate", "load_dataset", "rank_all"]

SYSTEMS = ("engine", "bm25", "bm25_bigram")
#: Needs per ``_msearch`` request: large enough to save round trips, small enough to keep responses modest.
BATCH = 25

#: Called with (needs done, needs in total) after each batch.
Progress = Callable[[int, int], None]


def bulk_index_listings(
    client: Elasticsearch, index: str, listings: list[ListingRecord], chunk_size: int = 500
) -> int:
    """Index listings through the site's document builder; returns how many were indexed."""

    def actions() -> Iterator[dict[str, Any]]:
        for record in listings:
            yield listing_action(record, index)

    indexed = 0
    for ok, item in streaming_bulk(client, actions(), chunk_size=chunk_size, raise_on_error=False):
        if not ok:
            raise RuntimeError(f"Could not index listing: {item}")
        indexed += 1
    return indexed


@dataclass
class Rankings:
    """Every system's ranking per need, and for the engine the named clauses each hit matched."""

    by_system: dict[str, dict[str, list[str]]] = field(default_factory=lambda: {name: {} for name in SYSTEMS})
    matched: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def _msearch(client: Elasticsearch, searches: list[tuple[str, dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Run (index, body) searches in one request; the hits of each, in order. A failed search raises."""
    lines: list[dict[str, Any]] = []
    for index, body in searches:
        lines.extend(({"index": index}, body))
    responses = client.msearch(searches=lines)["responses"]
    hits = []
    for response in responses:
        if "error" in response:
            raise RuntimeError(f"A search of the evaluation failed: {response['error']}")
        hits.append(response["hits"]["hits"])
    return hits


def rank_all(
    client: Elasticsearch,
    index: str,
    bigram_index: str,
    needs: list[NeedRecord],
    weights: engine.Weights = engine.DEFAULT_WEIGHTS,
    depth: int = 100,
    progress: Progress | None = None,
) -> Rankings:
    """Rankings of the engine and both baselines for every need, ``BATCH`` needs per ``_msearch``."""
    rankings = Rankings()
    for start in range(0, len(needs), BATCH):
        batch = needs[start : start + BATCH]
        searches: list[tuple[str, dict[str, Any]]] = []
        for need in batch:
            for target, query in ((index, engine.baseline_query(need)), (bigram_index, bigram_query(need))):
                searches.append((target, engine.search_request(query, size=depth, source=False).to_dict()))
        results = _msearch(client, searches)
        for offset, need in enumerate(batch):
            # The engine runs exactly as the site runs it: retrieval, re-ranking and part diversification.
            hits = engine.search_listings_for_need(
                client, index, need, size=depth, weights=weights, source=False
            )
            rankings.by_system["engine"][need.id] = [hit.id for hit in hits]
            rankings.matched[need.id] = {hit.id: hit.matched for hit in hits}
            bm25_raw, bigram_raw = results[2 * offset : 2 * offset + 2]
            rankings.by_system["bm25"][need.id] = [hit["_id"] for hit in bm25_raw]
            rankings.by_system["bm25_bigram"][need.id] = [hit["_id"] for hit in bigram_raw]
        if progress:
            progress(start + len(batch), len(needs))
    return rankings


@dataclass
class EvaluationResult:
    needs: int
    scores: dict[str, dict[str, float]]
    subsets: dict[str, dict[str, Any]]
    rankings: Rankings
    #: Share of each system's top 10 that was judged at all: unjudged pairs count as not relevant, so a low share
    #: means the figures understate that system and its new candidates need judging.
    judged: dict[str, float] = field(default_factory=dict)

    @property
    def engine(self) -> dict[str, float]:
        return self.scores["engine"]

    @property
    def bm25(self) -> dict[str, float]:
        return self.scores["bm25"]

    def as_json(self) -> dict[str, Any]:
        return {"needs": self.needs, **self.scores, "judged@10": self.judged, "subsets": self.subsets}


def judged_share(
    rankings: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]], k: int = 10
) -> float:
    """Mean share of the top ``k`` listings that carry a judgement (of any grade)."""
    shares = [
        sum(1 for listing in ranking[:k] if listing in qrels.get(need, {})) / len(ranking[:k])
        for need, ranking in rankings.items()
        if ranking
    ]
    return round(sum(shares) / len(shares), 4) if shares else 0.0


def _restricted(qrels: Mapping[str, Mapping[str, int]], keep: Callable[[str, str], bool]) -> dict[str, dict]:
    """The judgements with every pair that ``keep(need, listing)`` rejects counted as not relevant."""
    return {
        need: {listing: (grade if keep(need, listing) else 0) for listing, grade in judged.items()}
        for need, judged in qrels.items()
    }


def reach_at(
    ranked: Mapping[str, Sequence[str]],
    qrels: Mapping[str, Mapping[str, int]],
    needs: Sequence[str],
    k: int = 10,
) -> float:
    """Share of the pairs graded 2 or 3 (over ``needs``) whose listing is in the top ``k`` of its need."""
    found = total = 0
    for need in needs:
        top = set(ranked.get(need, [])[:k])
        for listing, grade in qrels.get(need, {}).items():
            if grade >= 2:
                total += 1
                found += listing in top
    return round(found / total, 4) if total else 0.0


def subsets(dataset: Dataset, rankings: Rankings, needs: Sequence[NeedRecord]) -> dict[str, dict[str, Any]]:
    """Scores on parts of the set: needs that name categories and needs that do not; and the relevant pairs in
    the other language than the need's versus those in the same language (only those pairs count as relevant,
    over the needs that have at least one such pair).

    nDCG on a language subset is harsh (a same-language answer ranked first pushes the other language's down,
    and counts as nothing there), so each subset also reports ``reach@10``: the share of its clearly relevant
    pairs (grade 2 or 3) that appear in the system's top 10 — the direct answer to "do answers in the other
    language reach the user as often as those in the user's own?"."""
    language = {listing.id: listing.language for listing in dataset.listings}
    need_language = {need.id: need.language for need in needs}

    def cross(need: str, listing: str) -> bool:
        return (
            bool(need_language.get(need))
            and bool(language.get(listing))
            and (language[listing] != need_language[need])
        )

    def same(need: str, listing: str) -> bool:
        return bool(need_language.get(need)) and language.get(listing) == need_language[need]

    parts: dict[str, tuple[list[NeedRecord], Mapping[str, Mapping[str, int]]]] = {
        "with_categories": ([need for need in needs if need.categories], dataset.qrels),
        "without_categories": ([need for need in needs if not need.categories], dataset.qrels),
        "cross_language": (list(needs), _restricted(dataset.qrels, cross)),
        "same_language": (list(needs), _restricted(dataset.qrels, same)),
    }
    figures: dict[str, dict[str, Any]] = {}
    for name, (members, qrels) in parts.items():
        counted = [need.id for need in members if has_relevant(qrels.get(need.id, {}))]
        entry: dict[str, Any] = {"needs": len(counted)}
        for system in SYSTEMS:
            ranked = rankings.by_system[system]
            entry[system] = summarise({need: ranked[need] for need in counted}, qrels)
            entry[system]["reach@10"] = reach_at(ranked, qrels, counted)
        figures[name] = entry
    return figures


def per_need(
    dataset: Dataset, rankings: Rankings, needs: Sequence[NeedRecord], k: int = 10
) -> Iterator[dict]:
    """One record per need: the engine's top ``k`` with grades (``null`` when the pair was not judged) and the
    clauses each hit matched, and every system's nDCG@10."""
    for need in needs:
        judged = dataset.qrels.get(need.id, {})
        ranking = rankings.by_system["engine"][need.id]
        matched = rankings.matched.get(need.id, {})
        yield {
            "need": need.id,
            "title": need.title,
            **{
                f"{system}_ndcg@10": round(ndcg_at(rankings.by_system[system][need.id], judged, 10), 4)
                for system in SYSTEMS
            },
            "ranking": [
                {
                    "rank": rank,
                    "listing": listing,
                    "grade": judged.get(listing),
                    "matched": matched.get(listing, []),
                }
                for rank, listing in enumerate(ranking[:k], start=1)
            ],
        }


@contextmanager
def temporary_indexes(client: Elasticsearch, listings: list[ListingRecord]) -> Iterator[tuple[str, str]]:
    """The listings in a temporary site index and a temporary bigram-baseline index, deleted on exit."""
    index = temporary_name("eval", "listings")
    bigram_index = temporary_name("eval", "bigrams")
    try:
        create_index(client, "listings", index)
        bulk_index_listings(client, index, listings)
        client.indices.refresh(index=index)
        create_bigram_index(client, bigram_index, listings)
        yield index, bigram_index
    finally:
        delete_indexes(client, [index, bigram_index])


def evaluate(
    client: Elasticsearch,
    dataset: Dataset,
    weights: engine.Weights = engine.DEFAULT_WEIGHTS,
    progress: Progress | None = None,
) -> EvaluationResult:
    judged = [need for need in dataset.needs if has_relevant(dataset.qrels.get(need.id, {}))]
    with temporary_indexes(client, dataset.listings) as (index, bigram_index):
        rankings = rank_all(client, index, bigram_index, judged, weights, progress=progress)
    return EvaluationResult(
        needs=len(judged),
        scores={system: summarise(rankings.by_system[system], dataset.qrels) for system in SYSTEMS},
        subsets=subsets(dataset, rankings, judged),
        rankings=rankings,
        judged={system: judged_share(rankings.by_system[system], dataset.qrels) for system in SYSTEMS},
    )
