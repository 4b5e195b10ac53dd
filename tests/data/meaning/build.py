"""Write the meaning-judged set's listings and needs: ``python -m tests.data.meaning.build [--check]``.

The needs are written by hand (``dev_needs.py``, ``holdout_needs.py``). The catalogue mixes three sources, renumbered in a shuffled order so that an id says nothing about where a listing
came from:

- 150 listings drawn from the old development catalogue and 100 from the old held-out catalogue (their texts were
  written from templates, one language each);
- the listings written one by one in ``fresh_listings.py``.

Real catalogues have gaps, so some of the old listings lose information, deterministically (seed below): about a
quarter end up with no price, about one in ten with no coverage area, and about one in ten drops its third-party
check to "none". Whenever a field is removed, the sentence or line of the description that stated it goes too, so
that text and fields never disagree.

The same ``listings.jsonl`` is written to ``dev/`` and ``holdout/`` (the two splits share one catalogue). The
grades (``qrels.tsv``) come from the judges, through ``assemble.py``; ``--stats`` prints the set's figures.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from tests.data import dev_set
from tests.data.meaning.dev_needs import DEV_MULTI_PART, DEV_NEEDS
from tests.data.meaning.fresh_listings import FRESH_LISTINGS
from tests.data.meaning.holdout_needs import HOLDOUT_MULTI_PART, HOLDOUT_NEEDS

HERE = Path(__file__).resolve().parent
OLD = HERE.parent
SEED = 20261203
FROM_DEV = 150
FROM_HOLDOUT = 100
NO_PRICE_SHARE = 0.25
NO_REGION_SHARE = 0.10
UNVERIFIED_SHARE = 0.10
KEYS = (
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
)


def _pattern(templates: list[str]) -> re.Pattern[str]:
    """A regex matching any of the sentence templates, with their ``{placeholders}`` as wildcards."""
    parts = []
    for template in templates:
        pieces = re.split(r"\{[a-z]+\}", template)
        parts.append(".+?".join(re.escape(piece) for piece in pieces))
    return re.compile("^(?:" + "|".join(parts) + ")$")


def _flatten(groups: Any) -> list[str]:
    if isinstance(groups, dict):
        return [text for value in groups.values() for text in _flatten(value)]
    if isinstance(groups, tuple | list):
        return [text for value in groups for text in _flatten(value)]
    return [groups] if groups else []


PRICE_SENTENCE = _pattern(_flatten((dev_set.PRICE_JA, dev_set.PRICE_EN, dev_set.QUOTE_JA, dev_set.QUOTE_EN)))
COVERAGE_SENTENCE = _pattern(_flatten((dev_set.COVERAGE_JA, dev_set.COVERAGE_EN)))
VERIFIED_SENTENCE = _pattern(_flatten((dev_set.VERIFIED_JA, dev_set.VERIFIED_EN)))
#: Lines of the held-out catalogue's product sheets.
PRICE_LINE = re.compile(r"^(【価格】|Price:)")
COVERAGE_LINE = re.compile(r"^(【提供エリア】|Coverage:)")
VERIFIED_LINE = re.compile(r"^(【第三者評価】|Independent evaluation:)")


def _sentences(text: str, language: str) -> list[str]:
    if language == "ja":
        return [part + "。" for part in text.split("。") if part.strip()]
    return [part for part in re.split(r"(?<=\.)\s+", text) if part.strip()]


def _drop(listing: dict[str, Any], sentence: re.Pattern[str], line: re.Pattern[str]) -> None:
    """Remove what the description says about one field (a template sentence or a product-sheet line)."""
    text = listing["description"]
    if "\n" in text:
        kept = [row for row in text.split("\n") if not line.match(row)]
        removed = len(text.split("\n")) - len(kept)
        listing["description"] = "\n".join(kept)
    else:
        parts = _sentences(text, listing["language"])
        kept = [part for part in parts if not sentence.match(part.strip())]
        removed = len(parts) - len(kept)
        listing["description"] = ("" if listing["language"] == "ja" else " ").join(kept)
    if removed != 1:
        raise SystemExit(f"{listing['id']}: expected to remove one statement, removed {removed}: {text!r}")


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def build() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    old = rng.sample(_read(OLD / "matching-dev" / "listings.jsonl"), FROM_DEV)
    old += rng.sample(_read(OLD / "matching-holdout" / "listings.jsonl"), FROM_HOLDOUT)
    priced = [listing for listing in old if listing["price_min"] is not None]
    target = round(NO_PRICE_SHARE * (len(old) + len(FRESH_LISTINGS)))
    already = sum(1 for listing in old + FRESH_LISTINGS if listing["price_min"] is None)
    for listing in rng.sample(priced, max(0, target - already)):
        _drop(listing, PRICE_SENTENCE, PRICE_LINE)
        listing["price_min"] = listing["price_max"] = None
    for listing in rng.sample(old, round(NO_REGION_SHARE * len(old))):
        _drop(listing, COVERAGE_SENTENCE, COVERAGE_LINE)
        listing["regions"] = []
    verified = [listing for listing in old if listing["verification"] != "none"]
    for listing in rng.sample(verified, round(UNVERIFIED_SHARE * len(old))):
        _drop(listing, VERIFIED_SENTENCE, VERIFIED_LINE)
        listing["verification"] = "none"
    everything = old + [dict(listing) for listing in FRESH_LISTINGS]
    rng.shuffle(everything)
    catalogue = []
    for number, listing in enumerate(everything, start=1):
        row = {key: listing.get(key) for key in KEYS}
        row["id"] = f"m-l{number:03d}"
        catalogue.append(row)
    return catalogue


def needs(split: str) -> list[dict[str, Any]]:
    written, prefix = (DEV_NEEDS, "m-d") if split == "dev" else (HOLDOUT_NEEDS, "m-h")
    return [{"id": f"{prefix}{number:03d}", **row} for number, row in enumerate(written, start=1)]


def statistics() -> dict[str, Any]:
    catalogue = build()
    figures: dict[str, Any] = {
        "listings": len(catalogue),
        "listings_ja": sum(1 for row in catalogue if row["language"] == "ja"),
        "listings_no_price": sum(1 for row in catalogue if row["price_min"] is None),
        "listings_no_region": sum(1 for row in catalogue if not row["regions"]),
        "listings_unverified": sum(1 for row in catalogue if row["verification"] == "none"),
        "listings_written_by_hand": len(FRESH_LISTINGS),
    }
    for split, multi in (("dev", DEV_MULTI_PART), ("holdout", HOLDOUT_MULTI_PART)):
        rows = needs(split)
        count = len(rows)
        figures[split] = {
            "needs": count,
            "japanese": round(sum(1 for row in rows if row["language"] == "ja") / count, 3),
            "no_category": round(sum(1 for row in rows if not row["categories"]) / count, 3),
            "multi_part": round(sum(1 for row in rows if row["title"] in multi) / count, 3),
            "urgent": sum(1 for row in rows if row["urgent"]),
            "with_region": sum(1 for row in rows if row["region"]),
            "with_budget": sum(1 for row in rows if row["budget_max"] is not None),
            "with_min_verification": sum(1 for row in rows if row["min_verification"]),
        }
    return figures


def _dump(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed files instead of writing")
    parser.add_argument("--stats", action="store_true", help="print the set's figures as JSON")
    args = parser.parse_args(argv)
    if args.stats:
        print(json.dumps(statistics(), indent=2))
        return 0
    catalogue = _dump(build())
    for split in ("dev", "holdout"):
        for name, text in (("listings.jsonl", catalogue), ("needs.jsonl", _dump(needs(split)))):
            path = HERE / split / name
            if args.check:
                if not path.is_file() or path.read_text(encoding="utf-8") != text:
                    print(f"{path} is out of date: run python -m tests.data.meaning.build", file=sys.stderr)
                    return 1
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
