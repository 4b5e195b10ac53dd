"""How often the cross-language bridges connect a need with a listing written in the other language.

    python -m scripts.bridge_coverage tests/data/matching-dev

For every judged (need, listing) pair whose texts are in different languages, it checks whether the two share a
specific glossary concept (``search.analysis``) and whether a dictionary bridge term of one side
(``search.bridge.bridge_terms_of``) is a term of the other. It prints the share of relevant pairs (grade ≥ 2)
each bridge connects, next to the share of a fixed random sample of unjudged/irrelevant cross-language pairs (the
noise the same bridge lets through). A measurement of the analysis layer alone, not of the engine's ranking.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def _read_jsonl(path: Path) -> dict[str, dict]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows[row["id"]] = row
    return rows


def main(argv: list[str] | None = None) -> int:
    from search.analysis import analyse_many, generic_concepts
    from search.bridge import bridge_terms_of

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--sample", type=int, default=20, help="irrelevant pairs sampled per need")
    args = parser.parse_args(argv)
    listings = _read_jsonl(args.directory / "listings.jsonl")
    needs = _read_jsonl(args.directory / "needs.jsonl")
    grades: dict[tuple[str, str], int] = {}
    for line in (args.directory / "qrels.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].strip().lstrip("-").isdigit():
            grades[(parts[0], parts[1])] = int(parts[2])

    generic = generic_concepts()
    listing_analysis = {
        k: analyse_many([v.get("name"), v.get("summary"), v.get("description")]) for k, v in listings.items()
    }
    need_analysis = {k: analyse_many([v.get("title"), v.get("description")]) for k, v in needs.items()}
    listing_bridge = {k: set(bridge_terms_of(a)) for k, a in listing_analysis.items()}
    need_bridge = {k: set(bridge_terms_of(a)) for k, a in need_analysis.items()}

    def shares(pairs: list[tuple[str, str]]) -> dict[str, float | int]:
        concept = bridge = either = 0
        for need, listing in pairs:
            by_concept = bool(
                (set(need_analysis[need].concepts) & set(listing_analysis[listing].concepts)) - generic
            )
            by_bridge = bool(need_bridge[need] & set(listing_analysis[listing].terms)) or bool(
                listing_bridge[listing] & set(need_analysis[need].terms)
            )
            concept += by_concept
            bridge += by_bridge
            either += by_concept or by_bridge
        total = len(pairs) or 1
        return {
            "pairs": len(pairs),
            "glossary_concept": round(concept / total, 3),
            "dictionary_bridge": round(bridge / total, 3),
            "either": round(either / total, 3),
        }

    def other_language(need: str, listing: str) -> bool:
        return needs[need].get("language") != listings[listing].get("language")

    relevant = [
        (n, li)
        for (n, li), g in grades.items()
        if g >= 2 and n in needs and li in listings and other_language(n, li)
    ]
    rng = random.Random(0)
    irrelevant: list[tuple[str, str]] = []
    for need in sorted(needs):
        candidates = [
            li for li in sorted(listings) if other_language(need, li) and grades.get((need, li), 0) == 0
        ]
        irrelevant += [(need, li) for li in rng.sample(candidates, min(args.sample, len(candidates)))]
    print(json.dumps({"relevant_cross_language": shares(relevant), "irrelevant_sample": shares(irrelevant)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
