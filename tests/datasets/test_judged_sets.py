"""The judged matching sets in ``tests/data/`` and the benchmark generator keep to the evaluation format.

The vocabularies are the platform's own (``cpsplatform.taxonomy``), which is the evaluation format's: a record
that uses a value the site does not know could never be matched the way it was judged.
"""

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from cpsplatform.taxonomy import (
    CompanySize,
    CpsfComponent,
    Industry,
    Region,
    SecurityCategory,
    VerificationLevel,
)
from tests.data import build_judged_sets

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = ("matching-dev", "matching-holdout")

REGIONS = set(Region.values)
SIZES = set(CompanySize.values)
COMPONENTS = set(CpsfComponent.values)
INDUSTRIES = set(Industry.values)
CATEGORIES = set(SecurityCategory.values)
LADDER = [level.slug for level in VerificationLevel]
LISTING_FIELDS = {
    "id",
    "vendor",
    "name",
    "summary",
    "description",
    "language",
    "categories",
    "cpsf_layers",
    "cpsf_components",
    "industries",
    "company_sizes",
    "regions",
    "price_min",
    "price_max",
    "verification",
}
NEED_FIELDS = {
    "id",
    "title",
    "description",
    "language",
    "categories",
    "cpsf_components",
    "industry",
    "company_size",
    "region",
    "budget_max",
    "min_verification",
    "urgent",
}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_qrels(path: Path) -> list[tuple[str, str, int]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            need_id, listing_id, grade = line.rstrip("\n").split("\t")
            rows.append((need_id, listing_id, int(grade)))
    return rows


def load(name: str) -> tuple[list[dict], list[dict], list[tuple[str, str, int]]]:
    directory = DATA / name
    return (
        read_jsonl(directory / "listings.jsonl"),
        read_jsonl(directory / "needs.jsonl"),
        read_qrels(directory / "qrels.tsv"),
    )


def listing_problems(listing: dict) -> list[str]:
    problems = []
    if set(listing) != LISTING_FIELDS:
        problems.append(f"fields {sorted(set(listing) ^ LISTING_FIELDS)}")
    for text in ("id", "vendor", "name", "summary", "description"):
        if not isinstance(listing.get(text), str) or not listing[text].strip():
            problems.append(f"empty {text}")
    if listing.get("language") not in ("ja", "en"):
        problems.append("language")
    if not listing.get("categories") or not set(listing["categories"]) <= CATEGORIES:
        problems.append(f"categories {listing.get('categories')}")
    layers = listing.get("cpsf_layers") or []
    if not 1 <= len(layers) <= 3 or not set(layers) <= {1, 2, 3} or len(set(layers)) != len(layers):
        problems.append(f"cpsf_layers {layers}")
    if not set(listing.get("cpsf_components") or []) <= COMPONENTS:
        problems.append("cpsf_components")
    if not set(listing.get("industries") or []) <= INDUSTRIES:
        problems.append("industries")
    if not set(listing.get("company_sizes") or []) <= SIZES:
        problems.append("company_sizes")
    if not listing.get("regions") or not set(listing["regions"]) <= REGIONS | {"nationwide"}:
        problems.append(f"regions {listing.get('regions')}")
    low, high = listing.get("price_min"), listing.get("price_max")
    if (low is None) != (high is None):
        problems.append("price half given")
    elif low is not None and not (isinstance(low, int) and isinstance(high, int) and 0 < low <= high):
        problems.append(f"price {low}-{high}")
    if listing.get("verification") not in LADDER:
        problems.append(f"verification {listing.get('verification')}")
    return problems


def need_problems(need: dict) -> list[str]:
    problems = []
    if set(need) != NEED_FIELDS:
        problems.append(f"fields {sorted(set(need) ^ NEED_FIELDS)}")
    for text in ("id", "title", "description"):
        if not isinstance(need.get(text), str) or not need[text].strip():
            problems.append(f"empty {text}")
    if "{" in need.get("title", "") + need.get("description", ""):
        problems.append("unfilled placeholder")
    if need.get("language") not in ("ja", "en"):
        problems.append("language")
    if not set(need.get("categories") or []) <= CATEGORIES:
        problems.append("categories")
    if not set(need.get("cpsf_components") or []) <= COMPONENTS:
        problems.append("cpsf_components")
    if need.get("industry") not in INDUSTRIES | {None}:
        problems.append("industry")
    if need.get("company_size") not in SIZES | {None}:
        problems.append("company_size")
    if need.get("region") not in REGIONS | {None}:
        problems.append(f"region {need.get('region')}")
    budget = need.get("budget_max")
    if budget is not None and not (isinstance(budget, int) and budget > 0):
        problems.append("budget_max")
    if need.get("min_verification") not in [*LADDER, None]:
        problems.append("min_verification")
    if not isinstance(need.get("urgent"), bool):
        problems.append("urgent")
    return problems


def within_hard_constraints(need: dict, listing: dict) -> bool:
    served = listing["regions"]
    region = not need["region"] or need["region"] in served or "nationwide" in served
    budget = (
        need["budget_max"] is None
        or listing["price_min"] is None
        or listing["price_min"] <= need["budget_max"]
    )
    level = LADDER.index(listing["verification"]) >= LADDER.index(need["min_verification"] or "none")
    return region and budget and level


@pytest.mark.parametrize("name", SETS)
def test_judged_set_records_follow_the_evaluation_format(name):
    listings, needs, _ = load(name)

    problems = {record["id"]: listing_problems(record) for record in listings}
    problems.update({record["id"]: need_problems(record) for record in needs})

    assert {record_id: found for record_id, found in problems.items() if found} == {}
    assert len({listing["id"] for listing in listings}) == len(listings)
    assert len({need["id"] for need in needs}) == len(needs)


@pytest.mark.parametrize("name", SETS)
def test_every_judgement_names_a_known_need_and_listing_once(name):
    listings, needs, qrels = load(name)
    listing_ids = {listing["id"] for listing in listings}
    need_ids = {need["id"] for need in needs}

    assert [row for row in qrels if row[0] not in need_ids or row[1] not in listing_ids] == []
    assert {grade for _, _, grade in qrels} == {0, 1, 2, 3}
    assert len({(need_id, listing_id) for need_id, listing_id, _ in qrels}) == len(qrels)


@pytest.mark.parametrize("name", SETS)
def test_every_need_has_a_listing_that_solves_it(name):
    _, needs, qrels = load(name)
    best = Counter()
    for need_id, _, grade in qrels:
        if grade == 3:
            best[need_id] += 1

    assert [need["id"] for need in needs if best[need["id"]] == 0] == []


@pytest.mark.parametrize("name", SETS)
def test_relevant_grades_respect_the_needs_hard_constraints(name):
    listings, needs, qrels = load(name)
    listing_by_id = {listing["id"]: listing for listing in listings}
    need_by_id = {need["id"]: need for need in needs}

    breaking = [
        (need_id, listing_id)
        for need_id, listing_id, grade in qrels
        if grade >= 2 and not within_hard_constraints(need_by_id[need_id], listing_by_id[listing_id])
    ]

    assert breaking == []


@pytest.mark.parametrize("name", SETS)
def test_grade_distribution_leaves_room_to_rank(name):
    _, needs, qrels = load(name)
    grades = Counter(grade for _, _, grade in qrels)
    per_need = Counter(need_id for need_id, _, _ in qrels)

    # Few perfect answers, more partial and related ones, explicit non-relevant distractors.
    assert grades[3] < grades[1]
    assert grades[3] <= len(needs) * 10
    assert grades[0] >= len(needs)
    # Every need is judged against a pool, not just its answers.
    assert min(per_need[need["id"]] for need in needs) >= 5


@pytest.mark.parametrize("name", SETS)
def test_sets_mix_languages_and_match_across_them(name):
    listings, needs, qrels = load(name)
    language = {record["id"]: record["language"] for record in [*listings, *needs]}
    crossing = Counter(
        (language[need_id], language[listing_id])
        for need_id, listing_id, grade in qrels
        if grade == 3 and language[need_id] != language[listing_id]
    )

    assert 0.35 <= sum(listing["language"] == "ja" for listing in listings) / len(listings) <= 0.7
    assert 0.5 <= sum(need["language"] == "ja" for need in needs) / len(needs) <= 0.8
    assert crossing[("en", "ja")] > 0
    assert crossing[("ja", "en")] > 0
    assert any(need["urgent"] for need in needs)
    assert any(not need["categories"] for need in needs)


def test_development_and_holdout_sets_share_no_ids_or_texts():
    dev_listings, dev_needs, _ = load("matching-dev")
    holdout_listings, holdout_needs, _ = load("matching-holdout")

    def ids(records):
        return {record["id"] for record in records}

    def texts(listings, needs):
        found = {listing[field] for listing in listings for field in ("name", "summary", "description")}
        return found | {need[field] for need in needs for field in ("title", "description")}

    def vendors(listings):
        return {listing["vendor"] for listing in listings}

    assert ids(dev_listings + dev_needs) & ids(holdout_listings + holdout_needs) == set()
    assert texts(dev_listings, dev_needs) & texts(holdout_listings, holdout_needs) == set()
    assert vendors(dev_listings) & vendors(holdout_listings) == set()


def test_committed_sets_are_what_the_build_script_produces():
    assert build_judged_sets.main(["--check"]) == 0


@pytest.fixture(scope="module")
def synthetic():
    path = Path(__file__).resolve().parents[2] / "bench" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("bench_synthetic", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_is_deterministic_per_seed(synthetic):
    first = list(synthetic.generate_listings(300, seed=11))

    assert first == list(synthetic.generate_listings(300, seed=11))
    assert first != list(synthetic.generate_listings(300, seed=12))
    assert list(synthetic.generate_needs(100, seed=11)) == list(synthetic.generate_needs(100, seed=11))


def test_generator_emits_valid_bilingual_records(synthetic):
    listings = list(synthetic.generate_listings(2000, seed=3))
    needs = list(synthetic.generate_needs(500, seed=3))

    assert [problem for listing in listings for problem in listing_problems(listing)] == []
    assert [problem for need in needs for problem in need_problems(need)] == []
    assert len({record["id"] for record in listings + needs}) == len(listings) + len(needs)
    assert 0.5 <= sum(listing["language"] == "ja" for listing in listings) / len(listings) <= 0.7
    assert len({listing["description"] for listing in listings}) > 0.9 * len(listings)


def test_generator_command_writes_json_lines(synthetic, capsys):
    assert synthetic.main(["needs", "25", "--seed", "4"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == list(synthetic.generate_needs(25, seed=4))
