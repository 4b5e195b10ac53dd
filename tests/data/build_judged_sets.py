"""Build the judged matching sets in ``tests/data/matching-dev`` and ``tests/data/matching-holdout``.

    python -m tests.data.build_judged_sets            # (re)write both sets and print their statistics
    python -m tests.data.build_judged_sets --check    # exit 1 if the committed files differ from a fresh build

Deterministic: each set has its own fixed seed, so the same catalogues always give the same files. See
``tests/data/README.md`` for the format and the judging guidelines the grades follow.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from tests.data import dev_set, holdout_set

HERE = Path(__file__).resolve().parent
SETS = {"matching-dev": dev_set.build, "matching-holdout": holdout_set.build}

Qrels = dict[str, dict[str, int]]


def render(listings: list[dict], needs: list[dict], qrels: Qrels) -> dict[str, str]:
    """The three files of a judged set, as text."""

    def jsonl(records: list[dict]) -> str:
        return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)

    rows = [
        f"{need_id}\t{listing_id}\t{grade}\n"
        for need_id in sorted(qrels)
        for listing_id, grade in sorted(qrels[need_id].items())
    ]
    return {"listings.jsonl": jsonl(listings), "needs.jsonl": jsonl(needs), "qrels.tsv": "".join(rows)}


def statistics(listings: list[dict], needs: list[dict], qrels: Qrels) -> dict:
    language_of = {listing["id"]: listing["language"] for listing in listings}
    grades = Counter(grade for judged in qrels.values() for grade in judged.values())
    solved = [sum(1 for grade in qrels[need["id"]].values() if grade == 3) for need in needs]
    cross = 0
    for need in needs:
        best = [listing_id for listing_id, grade in qrels[need["id"]].items() if grade == 3]
        if best and sum(language_of[listing_id] != need["language"] for listing_id in best) * 2 >= len(best):
            cross += 1
    return {
        "listings": len(listings),
        "needs": len(needs),
        "listing_languages": dict(Counter(listing["language"] for listing in listings)),
        "need_languages": dict(Counter(need["language"] for need in needs)),
        "vendors": len({listing["vendor"] for listing in listings}),
        "judgements": sum(grades.values()),
        "grades": {str(grade): grades[grade] for grade in range(4)},
        "grade3_per_need": {
            "min": min(solved),
            "max": max(solved),
            "mean": round(sum(solved) / len(solved), 1),
        },
        "urgent_needs": sum(1 for need in needs if need["urgent"]),
        "needs_without_categories": sum(1 for need in needs if not need["categories"]),
        "needs_without_region": sum(1 for need in needs if not need["region"]),
        "needs_mostly_solved_across_languages": cross,
        "listings_nationwide": sum(1 for listing in listings if listing["regions"] == ["nationwide"]),
        "listings_price_on_request": sum(1 for listing in listings if listing["price_min"] is None),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files, write nothing"
    )
    args = parser.parse_args(argv)
    stale = []
    for directory, build in SETS.items():
        listings, needs, qrels = build()
        target = HERE / directory
        files = render(listings, needs, qrels)
        if args.check:
            stale += [
                f"{directory}/{name}"
                for name, text in files.items()
                if not (target / name).exists() or (target / name).read_text(encoding="utf-8") != text
            ]
            continue
        target.mkdir(exist_ok=True)
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8")
        print(directory, json.dumps(statistics(listings, needs, qrels), ensure_ascii=False))
    if stale:
        print("out of date:", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
