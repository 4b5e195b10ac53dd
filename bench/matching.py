"""Matching benchmark: bulk indexing throughput and need → top-20 latency, next to plain BM25, in one run.

    .venv/bin/python bench/matching.py --listings 10000
    .venv/bin/python bench/matching.py --listings 100000 --needs 300

What it does:

1. starts what it needs: the project-managed Elasticsearch node unless ``ELASTICSEARCH_URL`` is set;
2. generates N bilingual synthetic listings (``bench/synthetic.py``, fixed seed) and indexes them into a temporary
   index under the configured prefix through the site's indexing path: ``search.records.from_listing_json`` →
   ``search.documents.listing_action`` (Sudachi/Snowball analysis and glossary concepts in Python) → bulk requests
   (``parallel_bulk``, two threads, so Python analysis overlaps Elasticsearch's work). Throughput is listings per
   second from the first document analysed to the index refreshed;
3. runs a few hundred synthetic needs through ``matching.engine.search_listings_for_need`` (the function the site
   and ``evaluate_matching`` call; timing includes analysing the need and building the query) and, interleaved,
   through the plain BM25 baseline query; reports p50/p95/p99 of the engine and p95 of BM25 (milliseconds, wall
   clock on the client);
4. reports peak resident memory of this benchmark process (``peak_rss_mb``) and of the Elasticsearch node
   (``es_peak_rss_mb``, the JVM's VmHWM when the node runs on this machine, else null);
5. deletes the temporary index and prints ONE JSON line.

Targets on the 2-core machine: p95 < 50 ms at 100,000 listings; indexing > 1,500 listings/s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# This file is named like the ``matching`` package: keep its directory off the import path.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != BENCH]
os.environ.setdefault("PLATFORM_ENV", "development")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpsplatform.settings")

from bench.stats import percentile  # noqa: E402


def _setup_django() -> None:
    import django

    django.setup()


def _start_elasticsearch():
    from django.conf import settings

    from search.indexes import get_client, is_available

    client = get_client(timeout=120)
    if is_available(client):
        return client
    if not settings.ELASTICSEARCH_MANAGED:
        raise SystemExit(f"ELASTICSEARCH_URL={settings.ELASTICSEARCH_URL} does not answer")
    from scripts.elasticsearch_node import ManagedNode

    print("starting the managed Elasticsearch node ...", file=sys.stderr)
    ManagedNode.from_settings().start()
    return client


def _es_peak_rss_mb(client) -> float | None:
    try:
        nodes = client.nodes.info(metric="process")["nodes"]
    except Exception:
        return None
    peaks = []
    for node in nodes.values():
        pid = node.get("process", {}).get("id")
        status = Path(f"/proc/{pid}/status")
        if pid and status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
    return round(max(peaks), 1) if peaks else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--needs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2, help="bulk threads")
    parser.add_argument("--chunk", type=int, default=1000, help="documents per bulk request")
    args = parser.parse_args(argv)

    _setup_django()
    import importlib.util

    from elasticsearch.helpers import parallel_bulk

    spec = importlib.util.spec_from_file_location("bench_synthetic", BENCH / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    generate_listings, generate_needs = synthetic.generate_listings, synthetic.generate_needs

    from matching import engine
    from search.documents import listing_action
    from search.indexes import create_index, delete_indexes, temporary_name
    from search.records import from_listing_json, from_need_json

    client = _start_elasticsearch()
    rows = list(generate_listings(args.listings, seed=args.seed))
    needs = [from_need_json(row) for row in generate_needs(args.needs, seed=args.seed + 1)]
    index = temporary_name("bench", "listings")
    create_index(client, "listings", index)
    try:
        client.indices.put_settings(index=index, settings={"refresh_interval": "-1"})
        started = time.perf_counter()
        actions = (listing_action(from_listing_json(row), index) for row in rows)
        indexed = 0
        for ok, item in parallel_bulk(
            client, actions, thread_count=args.threads, chunk_size=args.chunk, queue_size=args.threads * 2
        ):
            if not ok:
                raise RuntimeError(f"indexing failed: {item}")
            indexed += 1
        client.indices.put_settings(index=index, settings={"refresh_interval": "1s"})
        client.indices.refresh(index=index)
        index_seconds = time.perf_counter() - started
        del rows

        client.options(request_timeout=600).indices.forcemerge(index=index, max_num_segments=1)
        for need in needs[:30]:  # warm up caches on both sides
            engine.search_listings_for_need(client, index, need, size=20)
            engine.run(client, index, engine.baseline_query(need), size=20)
        engine_ms: list[float] = []
        bm25_ms: list[float] = []
        for need in needs:
            # Fresh analysis for every timed query: the engine's own caches must not flatter the figures.
            from search.analysis import analyse

            analyse.cache_clear()
            t0 = time.perf_counter()
            engine.search_listings_for_need(client, index, need, size=20)
            engine_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            engine.run(client, index, engine.baseline_query(need), size=20)
            bm25_ms.append((time.perf_counter() - t0) * 1000)
        es_rss = _es_peak_rss_mb(client)
    finally:
        delete_indexes(client, [index])

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"indexed {indexed} listings in {index_seconds:.1f}s; {len(needs)} needs; engine median "
        f"{statistics.median(engine_ms):.1f} ms, BM25 median {statistics.median(bm25_ms):.1f} ms",
        file=sys.stderr,
    )
    print(
        json.dumps(
            {
                "bench": "matching",
                "listings": args.listings,
                "index_docs_per_s": round(indexed / index_seconds, 1),
                "p50_ms": round(percentile(engine_ms, 0.50), 2),
                "p95_ms": round(percentile(engine_ms, 0.95), 2),
                "p99_ms": round(percentile(engine_ms, 0.99), 2),
                "bm25_p95_ms": round(percentile(bm25_ms, 0.95), 2),
                "peak_rss_mb": round(peak_rss_mb, 1),
                "peak_rss_of": "benchmark process (Python: generation, analysis, bulk, queries)",
                "es_peak_rss_mb": es_rss,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
