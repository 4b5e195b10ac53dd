"""The evaluation's rankings (the site's engine, batched baselines) and its bigram baseline, against the real Elasticsearch."""

from pathlib import Path

from matching import engine
from matching.baselines import bigram_terms
from matching.evaluation import load_dataset, rank_all, temporary_indexes

MINI = Path(__file__).resolve().parent.parent / "data" / "matching-mini"


def test_batched_engine_rankings_are_the_ones_the_site_computes(es_client):
    # The evaluation must measure exactly what the site's call returns (retrieval, re-ranking and part
    # diversification), urgent needs included, while the baselines go out in _msearch batches.
    dataset = load_dataset(MINI)
    assert any(need.urgent for need in dataset.needs)
    with temporary_indexes(es_client, dataset.listings) as (index, bigram_index):
        rankings = rank_all(es_client, index, bigram_index, dataset.needs, depth=50)
        for need in dataset.needs:
            hits = engine.search_listings_for_need(es_client, index, need, size=50, source=False)
            assert rankings.by_system["engine"][need.id] == [hit.id for hit in hits]
            assert rankings.matched[need.id] == {hit.id: hit.matched for hit in hits}
            baseline = engine.run(es_client, index, engine.baseline_query(need), size=50, source=False)
            assert rankings.by_system["bm25"][need.id] == [hit.id for hit in baseline]
            assert rankings.by_system["bm25_bigram"][need.id]


def test_temporary_indexes_are_gone_after_the_block(es_client):
    dataset = load_dataset(MINI)
    with temporary_indexes(es_client, dataset.listings) as names:
        assert all(es_client.indices.exists(index=name) for name in names)
    assert not any(es_client.indices.exists(index=name) for name in names)


def test_bigram_terms_cut_japanese_runs_into_pairs_and_keep_words_of_every_script():
    assert bigram_terms("工場のPLCが止まる") == ["工場", "場の", "plc", "が止", "止ま", "まる"]
    assert bigram_terms("Müller Ωμέγα Привет สวัสดี") == ["müller", "ωμέγα", "привет", "สวัสดี"]
    assert bigram_terms("ＵＴＭ 夜") == ["utm", "夜"]
    assert bigram_terms("") == []


def test_reach_counts_the_clearly_relevant_pairs_that_reach_the_top_ten():
    from matching.evaluation import reach_at

    ranked = {"n1": ["a", "b"] + [f"x{i}" for i in range(10)] + ["c"], "n2": ["d"]}
    qrels = {"n1": {"a": 3, "b": 1, "c": 2}, "n2": {"d": 2, "e": 3}}

    # a (top 10) and d (top 10) reach; c (rank 13) and e (never ranked) do not; b is grade 1 and not counted.
    assert reach_at(ranked, qrels, ["n1", "n2"]) == 0.5
    assert reach_at(ranked, qrels, ["n1"], k=20) == 1.0
    assert reach_at(ranked, {}, ["n1"]) == 0.0
