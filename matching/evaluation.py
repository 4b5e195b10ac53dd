"""Evaluate the matching engine on a judged data set, next to a plain BM25 baseline.

The data set (a directory with ``listings.jsonl``, ``needs.jsonl`` and ``qrels.tsv``) is loaded into a
temporary index under the configured prefix — never the site's indexes — through the same document builders the
site uses; every need is then matched by the same engine code the site runs. The index is deleted afterwards,
whatever happens.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from matching import engine
from matching.metrics import has_relevant, summarise
from search.documents import listing_action
from search.indexes import create_index, delete_indexes, temporary_name
from search.records import ListingRecord, NeedRecord, from_listing_json, from_need_json


class DatasetError(ValueError):
    """The judged data set cannot be read; the message says which file and line."""


@dataclass
class Dataset:
    listings: list[ListingRecord]
    needs: list[NeedRecord]
    qrels: dict[str, dict[str, int]]


def _read_jsonl(path: Path, build: Callable[[dict[str, Any]], Any]) -> list[Any]:
    if not path.is_file():
        raise DatasetError(f"{path} is missing")
    records = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise DatasetError(f"{path.name}:{number}: not valid JSON ({error.msg})") from error
            if not isinstance(row, dict) or row.get("id") in (None, ""):
                raise DatasetError(f"{path.name}:{number}: each line must be an object with an id")
            record = build(row)
            if record.id in seen:
                raise DatasetError(f"{path.name}:{number}: duplicate id {record.id!r}")
            seen.add(record.id)
            records.append(record)
    return records


def _read_qrels(path: Path) -> dict[str, dict[str, int]]:
    if not path.is_file():
        raise DatasetError(f"{path} is missing")
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                raise DatasetError(f"{path.name}:{number}: expected need_id<TAB>listing_id<TAB>grade")
            need_id, listing_id, grade = (part.strip() for part in parts)
            try:
                value = int(grade)
            except ValueError as error:
                raise DatasetError(f"{path.name}:{number}: grade {grade!r} is not a number 0-3") from error
            if not 0 <= value <= 3:
                raise DatasetError(f"{path.name}:{number}: grade {value} is not within 0-3")
            qrels.setdefault(need_id, {})[listing_id] = value
    return qrels


def load_dataset(directory: Path) -> Dataset:
    directory = Path(directory)
    if not directory.is_dir():
        raise DatasetError(f"{directory} is not a directory")
    return Dataset(
        listings=_read_jsonl(directory / "listings.jsonl", from_listing_json),
        needs=_read_jsonl(directory / "needs.jsonl", from_need_json),
        qrels=_read_qrels(directory / "qrels.tsv"),
    )


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
class EvaluationResult:
    needs: int
    engine: dict[str, float]
    bm25: dict[str, float]
    rankings: dict[str, list[str]]
    baseline_rankings: dict[str, list[str]]

    def as_json(self) -> dict[str, Any]:
        return {"needs": self.needs, "engine": self.engine, "bm25": self.bm25}


def rank_all(
    client: Elasticsearch,
    index: str,
    needs: list[NeedRecord],
    weights: engine.Weights = engine.DEFAULT_WEIGHTS,
    depth: int = 100,
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Rankings of the engine and the BM25 baseline for every need."""
    rankings: dict[str, list[str]] = {}
    baseline: dict[str, list[str]] = {}
    for need in needs:
        hits = engine.search_listings_for_need(client, index, need, size=depth, weights=weights, source=False)
        rankings[need.id] = [hit.id for hit in hits]
        hits = engine.run(client, index, engine.baseline_query(need), size=depth, source=False)
        baseline[need.id] = [hit.id for hit in hits]
    return rankings, baseline


def evaluate(
    client: Elasticsearch, dataset: Dataset, weights: engine.Weights = engine.DEFAULT_WEIGHTS
) -> EvaluationResult:
    index = temporary_name("eval", "listings")
    create_index(client, "listings", index)
    try:
        bulk_index_listings(client, index, dataset.listings)
        client.indices.refresh(index=index)
        judged = [need for need in dataset.needs if has_relevant(dataset.qrels.get(need.id, {}))]
        rankings, baseline = rank_all(client, index, judged, weights)
    finally:
        delete_indexes(client, [index])
    return EvaluationResult(
        needs=len(judged),
        engine=summarise(rankings, dataset.qrels),
        bm25=summarise(baseline, dataset.qrels),
        rankings=rankings,
        baseline_rankings=baseline,
    )
