import math

import pytest

from matching.metrics import ndcg_at, recall_at, reciprocal_rank, summarise


def test_ndcg_is_one_for_the_ideal_order():
    judged = {"a": 3, "b": 2, "c": 0}
    assert ndcg_at(["a", "b", "c"], judged) == pytest.approx(1.0)


def test_ndcg_by_hand():
    # gains: 2^3-1=7 and 2^2-1=3. Ranking puts b first, a third.
    judged = {"a": 3, "b": 2}
    dcg = 3 / math.log2(2) + 7 / math.log2(4)
    ideal = 7 / math.log2(2) + 3 / math.log2(3)
    assert ndcg_at(["b", "x", "a"], judged) == pytest.approx(dcg / ideal)


def test_ndcg_counts_only_the_cutoff():
    judged = {"a": 1}
    ranking = [f"x{i}" for i in range(10)] + ["a"]
    assert ndcg_at(ranking, judged, k=10) == 0.0


def test_recall_and_reciprocal_rank_by_hand():
    judged = {"a": 1, "b": 2, "c": 0, "d": 3}
    ranking = ["c", "b", "x", "a"]
    assert recall_at(ranking, judged, k=20) == pytest.approx(2 / 3)
    assert recall_at(ranking, judged, k=2) == pytest.approx(1 / 3)
    assert reciprocal_rank(ranking, judged) == pytest.approx(1 / 2)
    assert reciprocal_rank(["c", "x"], judged) == 0.0


def test_summary_averages_over_needs_with_relevant_listings_only():
    qrels = {"n1": {"a": 1}, "n2": {"b": 0}}
    result = summarise({"n1": ["x", "a"], "n2": ["b"]}, qrels)
    assert result["mrr"] == pytest.approx(0.5)
    assert result["recall@20"] == pytest.approx(1.0)
    assert result["ndcg@10"] == pytest.approx(1 / math.log2(3), abs=1e-4)  # rounded to 4 places
