"""Build ``search/data/bridge_ja_en.tsv``, the dictionary bridge between Japanese and English search terms.

The table is derived from JMdict (the Electronic Dictionary Research and Development Group's Japanese-English
dictionary, CC BY-SA 4.0) as packaged on PyPI by ``jamdict-data``. The package is large (a 54 MB download that
unpacks to a 325 MB SQLite file), so it is not a runtime dependency: this script reads it once and writes a small
table that is committed, and ``search.bridge`` loads only that table.

Usage (from the repository root)::

    python -m pip install jamdict-data          # only to rebuild; or pass --db to an unpacked jamdict.db
    python -m scripts.build_bridge [--db PATH]

What is kept, to stay precise:

- only entries JMdict marks as common (priority news1, ichi1, spec1, spec2, gai1) and not archaic, obscure,
  rare, vulgar or slang; only nouns, verbs, adjectives and suru-nouns;
- the Japanese headword must be one search term for ``search.analysis`` (its Sudachi mode-C normalised form), the
  English gloss a single word after dropping "to" and parentheses (its Snowball stem, as English documents are
  indexed); the first two senses, three glosses each;
- both sides must belong to the platform's domain vocabulary: words of the glossary, the demo catalogue and the
  taxonomy (``DOMAIN_SOURCES``), never the judged evaluation sets;
- an English stem that translates more than ``MAX_FANOUT`` Japanese words ("do", "thing") is dropped as noise.
"""

from __future__ import annotations

import argparse
import ast
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "search" / "data" / "bridge_ja_en.tsv"
DOMAIN_SOURCES = (
    "search/data/glossary.tsv",
    "marketplace/demo.py",
    "events/demo.py",
    "bench/synthetic.py",
    "marketplace/choices.py",
    "marketplace/migrations",
)
COMMON = ("news1", "ichi1", "spec1", "spec2", "gai1")
EXCLUDED_MISC = ("archaism", "obscure term", "rare term", "obsolete term", "vulgar", "slang", "derogatory")
KEPT_POS = ("noun (common)", "verb", "adjective", "suru", "adjectival nouns")
MAX_SENSES = 2
MAX_GLOSSES = 3
MAX_FANOUT = 6


def _default_db() -> Path:
    try:
        import jamdict_data  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("jamdict-data is not installed: pip install jamdict-data, or pass --db PATH/jamdict.db")
    return Path(jamdict_data.JAMDICT_DB_PATH)


def _source_texts() -> list[str]:
    texts: list[str] = []
    for name in DOMAIN_SOURCES:
        path = ROOT / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            if not file.exists():
                continue
            text = file.read_text(encoding="utf-8")
            if file.suffix != ".py":
                texts.extend(text.replace("|", "\n").splitlines())
                continue
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    texts.append(node.value)
    return texts


def domain_vocabulary() -> set[str]:
    """Search terms (English stems, Japanese normalised forms) of the platform's own domain texts."""
    from search.analysis import analyse

    vocabulary: set[str] = set()
    for text in _source_texts():
        vocabulary.update(analyse(text).terms)
    return vocabulary


def _japanese_key(headword: str) -> str | None:
    from search.analysis import _token_groups, normalise

    groups = _token_groups(normalise(headword))
    if len(groups) != 1:
        return None
    compound, _parts = groups[0]
    return compound.term


def _english_stem(gloss: str) -> str | None:
    from search.analysis import ENGLISH_STOP_WORDS, stem_english

    text = gloss
    while "(" in text and ")" in text:
        text = text[: text.index("(")] + text[text.index(")") + 1 :]
    words = text.strip().lower().split()
    if words and words[0] == "to":
        words = words[1:]
    if len(words) != 1 or not words[0].isalpha() or not words[0].isascii() or words[0] in ENGLISH_STOP_WORDS:
        return None
    return stem_english(words[0])


def read_pairs(db: Path) -> dict[str, list[str]]:
    """Japanese key → English stems, from the common entries of JMdict."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    common = {
        row[0]
        for table, form in (("KJP", "Kanji"), ("KNP", "Kana"))
        for row in connection.execute(
            f"SELECT DISTINCT f.idseq FROM {table} p JOIN {form} f ON f.ID = p.kid "  # noqa: S608 (constants)
            f"WHERE p.text IN ({','.join('?' * len(COMMON))})",
            COMMON,
        )
    }
    pairs: dict[str, list[str]] = defaultdict(list)
    for idseq in sorted(common):
        headwords = [
            r[0] for r in connection.execute("SELECT text FROM Kanji WHERE idseq = ? ORDER BY ID", (idseq,))
        ]
        if not headwords:
            headwords = [
                r[0]
                for r in connection.execute("SELECT text FROM Kana WHERE idseq = ? ORDER BY ID", (idseq,))
            ]
        senses = [
            r[0] for r in connection.execute("SELECT ID FROM Sense WHERE idseq = ? ORDER BY ID", (idseq,))
        ]
        stems: list[str] = []
        for sense in senses[:MAX_SENSES]:
            misc = {r[0] for r in connection.execute("SELECT text FROM misc WHERE sid = ?", (sense,))}
            pos = " ".join(r[0] for r in connection.execute("SELECT text FROM pos WHERE sid = ?", (sense,)))
            if misc & set(EXCLUDED_MISC) or not any(kind in pos for kind in KEPT_POS):
                continue
            glosses = connection.execute(
                "SELECT text FROM SenseGloss WHERE sid = ? AND (lang = 'eng' OR lang IS NULL) LIMIT ?",
                (sense, MAX_GLOSSES),
            )
            for (gloss,) in glosses:
                stem = _english_stem(gloss)
                if stem and stem not in stems:
                    stems.append(stem)
        if not stems:
            continue
        for headword in headwords[:2]:
            key = _japanese_key(headword)
            if key:
                for stem in stems:
                    if stem not in pairs[key]:
                        pairs[key].append(stem)
    return pairs


def build(db: Path) -> list[tuple[str, list[str]]]:
    vocabulary = domain_vocabulary()
    pairs = read_pairs(db)
    fanout: dict[str, int] = defaultdict(int)
    kept: dict[str, list[str]] = {}
    for key, stems in pairs.items():
        if key.isascii():
            continue
        chosen = [stem for stem in stems if stem in vocabulary and stem != key]
        if chosen:
            kept[key] = chosen
            for stem in chosen:
                fanout[stem] += 1
    rows = []
    for key in sorted(kept):
        stems = [stem for stem in kept[key] if fanout[stem] <= MAX_FANOUT]
        if stems:
            rows.append((key, stems))
    return rows


HEADER = """# Japanese ↔ English search-term bridge, built by scripts/build_bridge.py; do not edit by hand (rebuild it).
# Derived from JMdict (EDRDG, https://www.edrdg.org/edrdg/licence.html), CC BY-SA 4.0, via the jamdict-data
# package; this derived table is under the same licence.
# Columns: Japanese term (Sudachi normalised form) TAB English terms (Snowball stems), space-separated.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="path to jamdict.db (default: the jamdict-data package's)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    db = args.db or _default_db()
    if not db.exists():
        sys.exit(f"{db} does not exist")
    sys.path.insert(0, str(ROOT))
    rows = build(db)
    with args.output.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for key, stems in rows:
            out.write(f"{key}\t{' '.join(stems)}\n")
    print(f"{len(rows)} Japanese terms, {sum(len(s) for _, s in rows)} pairs → {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
