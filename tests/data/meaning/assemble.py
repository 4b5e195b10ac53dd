"""Turn the judges' grades into each split's qrels: ``python -m tests.data.meaning.assemble [--check]``.

Reads ``grades/*.tsv`` (``batch-XX.tsv`` and any top-up packets' grades) (``need_id<TAB>listing_id<TAB>grade``, lines starting with ``#`` ignored) and the
pools written by ``pool.py`` (``pools/<split>.tsv``). Every pooled pair must be graded exactly once, with a grade
0-3, and nothing else may be graded; otherwise it stops with an error naming the file and line (or, for pairs
left ungraded, the need and how many). Then it writes ``dev/qrels.tsv`` and ``holdout/qrels.tsv``, sorted, and
prints the statistics of the judgements. ``--check`` only validates and compares with the committed qrels.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "holdout")


class GradesError(ValueError):
    pass


def read_pools(directory: Path = HERE) -> dict[str, set[tuple[str, str]]]:
    pools: dict[str, set[tuple[str, str]]] = {}
    for split in SPLITS:
        path = directory / "pools" / f"{split}.tsv"
        pairs = set()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            parts = line.split("\t")
            if len(parts) != 2:
                raise GradesError(f"{path.name}:{number}: expected need_id<TAB>listing_id")
            pairs.add((parts[0], parts[1]))
        pools[split] = pairs
    return pools


def read_grades(
    directory: Path, pools: dict[str, set[tuple[str, str]]]
) -> dict[str, dict[tuple[str, str], int]]:
    split_of = {pair: split for split, pairs in pools.items() for pair in pairs}
    grades: dict[str, dict[tuple[str, str], int]] = {split: {} for split in SPLITS}
    where: dict[tuple[str, str], str] = {}
    files = sorted((directory / "grades").glob("*.tsv"))
    if not files:
        raise GradesError(f"no grades/*.tsv under {directory}")
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            line = path.read_bytes()[: error.start].count(b"\n") + 1
            raise GradesError(f"{path.name}:{line}: not UTF-8") from error
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [part.strip() for part in line.split("\t")]
            if len(parts) != 3:
                raise GradesError(f"{path.name}:{number}: expected need_id<TAB>listing_id<TAB>grade")
            need_id, listing_id, grade = parts
            if grade not in {"0", "1", "2", "3"}:
                raise GradesError(f"{path.name}:{number}: grade {grade!r} is not one of 0, 1, 2, 3")
            pair = (need_id, listing_id)
            if pair not in split_of:
                raise GradesError(f"{path.name}:{number}: {need_id} / {listing_id} is not a pooled pair")
            if pair in where:
                raise GradesError(
                    f"{path.name}:{number}: {need_id} / {listing_id} is already graded in {where[pair]}"
                )
            where[pair] = f"{path.name}:{number}"
            grades[split_of[pair]][pair] = int(grade)
    missing = Counter(need for split, pairs in pools.items() for need, _ in pairs - grades[split].keys())
    if missing:
        listed = ", ".join(f"{need} ({count})" for need, count in sorted(missing.items()))
        raise GradesError(f"{sum(missing.values())} pooled pairs have no grade: {listed}")
    return grades


def qrels_text(graded: dict[tuple[str, str], int]) -> str:
    return "".join(f"{need}\t{listing}\t{grade}\n" for (need, listing), grade in sorted(graded.items()))


def statistics(grades: dict[str, dict[tuple[str, str], int]]) -> dict[str, dict]:
    listing_language = {}
    for line in (HERE / "dev" / "listings.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        listing_language[row["id"]] = row["language"]
    figures = {}
    for split, graded in grades.items():
        need_language = {}
        for line in (HERE / split / "needs.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            need_language[row["id"]] = row["language"]
        relevant = [(need, listing) for (need, listing), grade in graded.items() if grade >= 2]
        cross = sum(1 for need, listing in relevant if listing_language[listing] != need_language[need])
        per_need = Counter(need for need, _ in relevant)
        figures[split] = {
            "pairs": len(graded),
            "grades": dict(sorted(Counter(graded.values()).items())),
            "needs_without_grade_2_or_3": sorted(set(need_language) - set(per_need)),
            "grade_2_or_3_in_other_language": round(cross / len(relevant), 3) if relevant else 0.0,
        }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate and compare with the committed qrels")
    args = parser.parse_args(argv)
    try:
        grades = read_grades(HERE, read_pools(HERE))
    except GradesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for split in SPLITS:
        path = HERE / split / "qrels.tsv"
        text = qrels_text(grades[split])
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                print(
                    f"{path} does not match the grades: run python -m tests.data.meaning.assemble",
                    file=sys.stderr,
                )
                return 1
        else:
            path.write_text(text, encoding="utf-8")
    print(json.dumps(statistics(grades), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
