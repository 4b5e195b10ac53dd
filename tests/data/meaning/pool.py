"""Pool candidates for the judges and write their packets: ``python -m tests.data.meaning.pool``.

Run it with the platform's settings and a reachable Elasticsearch, e.g.::

    PLATFORM_ENV=development ELASTICSEARCH_URL=http://127.0.0.1:9200 ELASTICSEARCH_INDEX_PREFIX=cpsp-pool \\
        python -m tests.data.meaning.pool

For every need of both splits the pool is the union of the top ``DEPTH`` listings of three systems — the site's
matching engine, plain BM25 and bigram BM25 (``matching.evaluation.rank_all``, treated as black boxes) — plus
``RANDOM`` listings drawn at random from the rest, so that the judges also see listings no system proposed.

Outputs (all committed):

- ``pools/<split>.tsv``: ``need_id<TAB>listing_id`` for every pooled pair (``assemble.py`` checks the grades
  against it);
- ``packets/batch-XX.md``: about ten needs each, every need followed by its candidates in an order fixed by a hash
  of (need id, listing id) — never by score — with no scores and no system names; and
  ``packets/batch-XX.tsv``: the pairs of that packet with an empty grade column, for the judge to fill in and
  save as ``grades/batch-XX.tsv``.

Once pools exist the script refuses to pool again (the judges' packets refer to them) unless ``--force``. When the
engine has changed, ``--top-up NAME`` pools only the engine's top ``DEPTH`` listings that were never pooled, adds
them to ``pools/`` and writes them as packets ``NAME-XX`` for the judges; earlier packets and grades stay valid.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPTH = 20
RANDOM = 5
PER_BATCH = 10
SEED = "meaning-2026"
SPLITS = ("dev", "holdout")

REGION_NAMES = {
    "hokkaido": "Hokkaido (北海道)",
    "tohoku": "Tohoku (東北)",
    "kanto": "Kanto (関東)",
    "chubu": "Chubu (中部)",
    "kinki": "Kinki (近畿)",
    "chugoku": "Chugoku (中国)",
    "shikoku": "Shikoku (四国)",
    "kyushu-okinawa": "Kyushu-Okinawa (九州・沖縄)",
    "nationwide": "nationwide (全国)",
}
VERIFICATION_WORDS = {
    0: "level 0 of 5: not verified",
    1: "level 1 of 5: claimed by the vendor (self-tested, no third party)",
    2: "level 2 of 5: registered under an audit scheme (information security service standards or SME help standard)",
    3: "level 3 of 5: effectiveness tested by an independent verification body",
    4: "level 4 of 5: trialled in a real user environment",
    5: "level 5 of 5: attack-tested by white-hat hackers",
}
SIZE_WORDS = {
    "micro": "micro (up to 20 employees)",
    "small": "small (21-100 employees)",
    "medium": "medium (101-300 employees)",
    "large": "large (over 300 employees)",
}
LANGUAGE_WORDS = {"ja": "Japanese", "en": "English"}


def order_key(need_id: str, listing_id: str) -> str:
    return hashlib.sha256(f"{need_id}\t{listing_id}".encode()).hexdigest()


def pool(rankings, need_ids: list[str], listing_ids: list[str]) -> dict[str, list[str]]:
    """The pooled listings of each need, in the judges' order."""
    pools: dict[str, list[str]] = {}
    for need_id in need_ids:
        chosen: set[str] = set()
        for ranked in rankings.by_system.values():
            chosen.update(ranked[need_id][:DEPTH])
        rest = sorted(set(listing_ids) - chosen)
        chosen.update(random.Random(f"{SEED}-{need_id}").sample(rest, min(RANDOM, len(rest))))
        pools[need_id] = sorted(chosen, key=lambda listing_id: order_key(need_id, listing_id))
    return pools


def _yen(amount: int) -> str:
    return f"{amount:,} JPY"


def _price(listing) -> str:
    if listing.price_min is None and listing.price_max is None:
        return "not stated"
    if listing.price_min is None:
        return f"up to {_yen(listing.price_max)} (lowest price not stated)"
    if listing.price_max is None:
        return f"from {_yen(listing.price_min)}"
    if listing.price_min == listing.price_max:
        return "free of charge" if listing.price_min == 0 else _yen(listing.price_min)
    return f"{_yen(listing.price_min)} to {_yen(listing.price_max)}"


def _category_words(slugs: list[str]) -> str:
    from search.records import CATEGORY_NAMES

    if not slugs:
        return "none given"
    return "; ".join(f"{CATEGORY_NAMES[slug][1]} ({CATEGORY_NAMES[slug][0]})" for slug in slugs)


def _quote(text: str) -> str:
    """Multi-line text as a Markdown block quote, line breaks kept."""
    lines = (text or "").strip().splitlines() or ["(empty)"]
    return "\n>\n".join(f"> {line}" for line in lines)


def need_section(need) -> list[str]:
    from search.records import CATEGORY_NAMES

    categories = (
        "; ".join(f"{CATEGORY_NAMES[slug][1]} ({CATEGORY_NAMES[slug][0]})" for slug in need.categories)
        if need.categories
        else "none chosen"
    )
    verification = (
        f"at least {VERIFICATION_WORDS[need.min_verification]}"
        if need.min_verification
        else "no minimum stated"
    )
    return [
        f"## Need {need.id}",
        "",
        f"**Title:** {need.title}",
        "",
        "**Description:**",
        "",
        _quote(need.description),
        "",
        f"- Language: {LANGUAGE_WORDS.get(need.language or '', 'not stated')}",
        f"- Region: {REGION_NAMES[need.region] if need.region else 'not stated'}",
        f"- Budget (maximum): {_yen(need.budget_max) if need.budget_max is not None else 'not stated'}",
        f"- Minimum verification: {verification}",
        f"- Urgent: {'yes' if need.urgent else 'no'}",
        f"- Company size: {SIZE_WORDS.get(need.company_size or '', 'not stated')}",
        f"- Industry: {need.industry or 'not stated'}",
        f"- Categories chosen by the user: {categories}",
        "",
    ]


def listing_section(number: int, total: int, need_id: str, listing) -> list[str]:
    regions = ", ".join(REGION_NAMES.get(region, region) for region in listing.regions) or "not stated"
    verification = VERIFICATION_WORDS[listing.verification_level or 0]
    lines = [
        f"#### {need_id} · candidate {number}/{total}: {listing.id}",
        "",
        f"**{listing.name}** — {listing.vendor_name or 'vendor not stated'}",
        "",
        f"- Summary: {listing.summary or '(none)'}",
        "- Description:",
        "",
        _quote(listing.description),
        "",
        f"- Language: {LANGUAGE_WORDS.get(listing.language or '', 'not stated')}",
        f"- Regions served: {regions}",
        f"- Price: {_price(listing)}",
        f"- Verification: {verification}",
        f"- Categories: {_category_words(listing.categories)}",
    ]
    if listing.company_sizes:
        lines.append(
            f"- Intended company sizes: {', '.join(SIZE_WORDS[size] for size in listing.company_sizes)}"
        )
    if listing.industries:
        lines.append(f"- Intended industries: {', '.join(listing.industries)}")
    lines.append("")
    return lines


def write_packets(batches: list[tuple[str, list]], listings: dict, pools: dict[str, list[str]]) -> None:
    packets = HERE / "packets"
    packets.mkdir(exist_ok=True)
    for name, needs in batches:
        pairs = sum(len(pools[need.id]) for need in needs)
        lines = [
            f"# Judging packet {name}",
            "",
            f"{len(needs)} needs, {pairs} need–listing pairs. Read `tests/data/meaning/GUIDELINES.md` first.",
            f"Grade every pair 0-3 and save the filled-in `packets/{name}.tsv` as `grades/{name}.tsv`.",
            "",
        ]
        for need in needs:
            lines.extend(need_section(need))
            pooled = pools[need.id]
            lines.append(f"### Candidates for {need.id} ({len(pooled)})")
            lines.append("")
            for position, listing_id in enumerate(pooled, start=1):
                lines.extend(listing_section(position, len(pooled), need.id, listings[listing_id]))
            lines.append("---")
            lines.append("")
        (packets / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
        template = ["# need_id\tlisting_id\tgrade (0-3)"]
        template += [f"{need.id}\t{listing_id}\t" for need in needs for listing_id in pools[need.id]]
        (packets / f"{name}.tsv").write_text("\n".join(template) + "\n", encoding="utf-8")


def batched(needs: list, prefix: str, first: int = 1) -> list[tuple[str, list]]:
    """About ``PER_BATCH`` needs per packet, the packets as even as possible."""
    if not needs:
        return []
    count = -(-len(needs) // PER_BATCH)
    size = -(-len(needs) // count)
    return [
        (f"{prefix}-{first + number:02d}", needs[start : start + size])
        for number, start in enumerate(range(0, len(needs), size))
    ]


def write_pool_file(split: str, needs: list, pairs: set[tuple[str, str]]) -> None:
    (HERE / "pools").mkdir(exist_ok=True)
    order = {need.id: position for position, need in enumerate(needs)}
    rows = sorted(pairs, key=lambda pair: (order[pair[0]], pair[1]))
    (HERE / "pools" / f"{split}.tsv").write_text(
        "".join(f"{need}\t{listing}\n" for need, listing in rows), encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--top-up",
        metavar="NAME",
        help="add the current engine's top listings that were never pooled, as packets NAME-XX (after the "
        "engine changed); the existing pools and packets stay as they are",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="pool from scratch although pools exist (discards the judges' packets)",
    )
    args = parser.parse_args(argv)
    if args.top_up and not re.fullmatch(r"[a-z][a-z0-9]*", args.top_up):
        parser.error("--top-up NAME: lowercase letters and digits, starting with a letter")
    if args.top_up == "batch":
        parser.error("--top-up NAME: 'batch' is the first pooling's name")
    existing = (HERE / "pools" / "dev.tsv").is_file()
    if existing and not (args.top_up or args.force):
        parser.error("pools/ already exist: use --top-up NAME to add candidates, or --force to start over")
    if args.top_up and not existing:
        parser.error("--top-up needs the first pools in pools/")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpsplatform.settings")
    import django

    django.setup()
    from matching.dataset import read_listings, read_needs
    from matching.evaluation import rank_all, temporary_indexes
    from search.indexes import get_client, is_available
    from tests.data.meaning.assemble import read_pools

    client = get_client(timeout=60)
    if not is_available(client):
        print("Elasticsearch is not reachable: set ELASTICSEARCH_URL.", file=sys.stderr)
        return 1
    listings = read_listings(HERE / "dev" / "listings.jsonl")
    if read_listings(HERE / "holdout" / "listings.jsonl") != listings:
        print(
            "dev/ and holdout/ must share one catalogue: run python -m tests.data.meaning.build",
            file=sys.stderr,
        )
        return 1
    by_id = {listing.id: listing for listing in listings}
    pooled = read_pools(HERE) if args.top_up else {split: set() for split in SPLITS}
    prefix = args.top_up or "batch"
    if not args.top_up:
        for old in (HERE / "packets").glob("batch-*"):
            old.unlink()
    batches: list[tuple[str, list]] = []
    new_pools: dict[str, list[str]] = {}
    with temporary_indexes(client, listings) as (index, bigram_index):
        for split in SPLITS:
            needs = read_needs(HERE / split / "needs.jsonl")
            rankings = rank_all(client, index, bigram_index, needs, depth=DEPTH)
            if args.top_up:
                pools = {}
                for need in needs:
                    known = {listing for other, listing in pooled[split] if other == need.id}
                    fresh = set(rankings.by_system["engine"][need.id][:DEPTH]) - known
                    if fresh:
                        pools[need.id] = sorted(
                            fresh, key=lambda listing, need=need: order_key(need.id, listing)
                        )
            else:
                pools = pool(rankings, [need.id for need in needs], sorted(by_id))
            new_pools.update(pools)
            pairs = pooled[split] | {(need, listing) for need, chosen in pools.items() for listing in chosen}
            write_pool_file(split, needs, pairs)
            batches += batched([need for need in needs if need.id in pools], prefix, len(batches) + 1)
            sizes = [len(chosen) for chosen in pools.values()] or [0]
            print(
                f"{split}: {len(pools)} needs, {sum(sizes)} new pairs, per need min/mean/max "
                f"{min(sizes)}/{sum(sizes) / len(sizes):.1f}/{max(sizes)}"
            )
    write_packets(batches, by_id, new_pools)
    print(f"{len(batches)} packets in {HERE / 'packets'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
