"""Read a judged data set strictly: ``listings.jsonl``, ``needs.jsonl`` and ``qrels.tsv``.

A judged set is the yardstick of the matching engine, so a mistake in it must stop the evaluation instead of
quietly changing the figures: a misspelt key (``"budjet_max"``) would otherwise drop a constraint, ``"urgent":
"false"`` would be true, a budget written as a string would be ignored, a grade for an unknown id would never
count. Every such mistake raises ``DatasetError`` naming the file and line. The format is described in
``tests/data/README.md``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cpsplatform.taxonomy import NATIONWIDE, CompanySize, CpsfComponent, Industry, Region, VerificationLevel
from search.records import CATEGORY_NAMES, ListingRecord, NeedRecord, from_listing_json, from_need_json


class DatasetError(ValueError):
    """The judged data set cannot be read; the message says which file and line."""


@dataclass
class Dataset:
    listings: list[ListingRecord]
    needs: list[NeedRecord]
    qrels: dict[str, dict[str, int]]


LANGUAGES = ("ja", "en")
REGIONS = tuple(Region.values)
SERVED_REGIONS = (*REGIONS, NATIONWIDE)
VERIFICATIONS = tuple(level.name.lower() for level in VerificationLevel)


@dataclass(frozen=True)
class Field:
    """One key of a record: its type (``str``, ``int``, ``bool``, ``list``) and, for strings and lists of
    strings, the allowed values (``None``: any text). Every key may be absent or ``null`` except ``id``."""

    kind: type
    choices: tuple[str, ...] | None = None
    item: type = str


LISTING_FIELDS: dict[str, Field] = {
    "id": Field(str),
    "vendor": Field(str),
    "name": Field(str),
    "summary": Field(str),
    "description": Field(str),
    "language": Field(str, LANGUAGES),
    "categories": Field(list, tuple(CATEGORY_NAMES)),
    "cpsf_layers": Field(list, None, int),
    "cpsf_components": Field(list, tuple(CpsfComponent.values)),
    "industries": Field(list, tuple(Industry.values)),
    "company_sizes": Field(list, tuple(CompanySize.values)),
    "regions": Field(list, SERVED_REGIONS),
    "price_min": Field(int),
    "price_max": Field(int),
    "verification": Field(str, VERIFICATIONS),
}

NEED_FIELDS: dict[str, Field] = {
    "id": Field(str),
    "title": Field(str),
    "description": Field(str),
    "language": Field(str, LANGUAGES),
    "categories": Field(list, tuple(CATEGORY_NAMES)),
    "cpsf_components": Field(list, tuple(CpsfComponent.values)),
    "industry": Field(str, tuple(Industry.values)),
    "company_size": Field(str, tuple(CompanySize.values)),
    "region": Field(str, REGIONS),
    "budget_max": Field(int),
    "min_verification": Field(str, VERIFICATIONS),
    "urgent": Field(bool),
}

_TYPE_NAMES = {str: "a string", int: "a whole number", bool: "true or false", list: "a list"}


def _suggest(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _is(value: Any, kind: type) -> bool:
    # ``True`` is an int in Python; a budget of ``true`` is a mistake, not 1 yen.
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def check_record(row: Any, fields: dict[str, Field]) -> str | None:
    """What is wrong with one record, or ``None`` when it keeps to the format."""
    if not isinstance(row, dict):
        return "each line must be a JSON object"
    for key in row:
        if key not in fields:
            return f"unknown key {key!r}{_suggest(key, fields)}"
    if not isinstance(row.get("id"), str) or not row["id"].strip():
        return "each record needs an id (a non-empty string)"
    for key, spec in fields.items():
        value = row.get(key)
        if value is None:
            continue
        if not _is(value, spec.kind):
            return f"{key!r} must be {_TYPE_NAMES[spec.kind]} or null, not {json.dumps(value, ensure_ascii=False)}"
        items = value if spec.kind is list else [value]
        for item in items:
            if spec.kind is list and not _is(item, spec.item):
                return (
                    f"{key!r} must list {_TYPE_NAMES[spec.item]}s, not {json.dumps(item, ensure_ascii=False)}"
                )
            if spec.choices is not None and isinstance(item, str) and item not in spec.choices:
                return f"{key!r} has unknown value {item!r}{_suggest(item, spec.choices)}"
        if spec.kind is int and value < 0:
            return f"{key!r} must not be negative"
    if key_pair := _price_order(row):
        return key_pair
    layers = row.get("cpsf_layers") or []
    if any(layer not in (1, 2, 3) for layer in layers):
        return "'cpsf_layers' may only hold 1, 2 and 3"
    return None


def _price_order(row: dict[str, Any]) -> str | None:
    low, high = row.get("price_min"), row.get("price_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        return f"'price_min' {low} is above 'price_max' {high}"
    return None


def _lines(path: Path) -> list[tuple[int, str]]:
    """The file's lines, numbered from 1; a line that is not UTF-8 is an error naming it."""
    if not path.is_file():
        raise DatasetError(f"{path} is missing")
    lines = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                lines.append((number, raw.decode("utf-8")))
            except UnicodeDecodeError as error:
                raise DatasetError(
                    f"{path.name}:{number}: not UTF-8 (byte {raw[error.start]:#04x} at column {error.start + 1})"
                ) from error
    return lines


def _read_jsonl(path: Path, fields: dict[str, Field], build: Callable[[dict[str, Any]], Any]) -> list[Any]:
    records = []
    seen: set[str] = set()
    for number, line in _lines(path):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise DatasetError(f"{path.name}:{number}: not valid JSON ({error.msg})") from error
        if problem := check_record(row, fields):
            raise DatasetError(f"{path.name}:{number}: {problem}")
        record = build(row)
        if record.id in seen:
            raise DatasetError(f"{path.name}:{number}: duplicate id {record.id!r}")
        seen.add(record.id)
        records.append(record)
    return records


def _read_qrels(path: Path, need_ids: set[str], listing_ids: set[str]) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for number, line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\r\n").split("\t")
        if len(parts) != 3:
            raise DatasetError(f"{path.name}:{number}: expected need_id<TAB>listing_id<TAB>grade")
        need_id, listing_id, grade = (part.strip() for part in parts)
        try:
            value = int(grade)
        except ValueError as error:
            raise DatasetError(f"{path.name}:{number}: grade {grade!r} is not a number 0-3") from error
        if not 0 <= value <= 3:
            raise DatasetError(f"{path.name}:{number}: grade {value} is not within 0-3")
        if need_id not in need_ids:
            raise DatasetError(f"{path.name}:{number}: unknown need {need_id!r}{_suggest(need_id, need_ids)}")
        if listing_id not in listing_ids:
            raise DatasetError(
                f"{path.name}:{number}: unknown listing {listing_id!r}{_suggest(listing_id, listing_ids)}"
            )
        judged = qrels.setdefault(need_id, {})
        if listing_id in judged:
            raise DatasetError(f"{path.name}:{number}: the pair {need_id} / {listing_id} is graded twice")
        judged[listing_id] = value
    return qrels


def read_listings(path: Path) -> list[ListingRecord]:
    return _read_jsonl(Path(path), LISTING_FIELDS, from_listing_json)


def read_needs(path: Path) -> list[NeedRecord]:
    return _read_jsonl(Path(path), NEED_FIELDS, from_need_json)


def load_dataset(directory: Path) -> Dataset:
    directory = Path(directory)
    if not directory.is_dir():
        raise DatasetError(f"{directory} is not a directory")
    listings = read_listings(directory / "listings.jsonl")
    needs = read_needs(directory / "needs.jsonl")
    qrels = _read_qrels(
        directory / "qrels.tsv", {need.id for need in needs}, {listing.id for listing in listings}
    )
    return Dataset(listings=listings, needs=needs, qrels=qrels)
