"""Ranking metrics for the matching evaluation (graded relevance, as in TREC's qrels).

- nDCG@k: gain ``2**grade - 1``, discount ``log2(rank + 1)``, normalised by the ideal ordering of every judged
  listing of the need;
- Recall@k: share of the need's relevant listings (grade ≥ 1) found in the top k;
- MRR: reciprocal rank of the first relevant listing in the ranking (0 when none is found).

Needs without any relevant listing have no defined nDCG or recall and are left out of the averages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(grades: Sequence[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranking: Sequence[str], judgements: Mapping[str, int], k: int = 10) -> float:
    ideal = dcg(sorted((g for g in judgements.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judgements.get(doc, 0) for doc in ranking[:k]]) / ideal


def recall_at(ranking: Sequence[str], judgements: Mapping[str, int], k: int = 20) -> float:
    relevant = {doc for doc, grade in judgements.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranking[:k])) / len(relevant)


def reciprocal_rank(ranking: Sequence[str], judgements: Mapping[str, int]) -> float:
    for rank, doc in enumerate(ranking, start=1):
        if judgements.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


def has_relevant(judgements: Mapping[str, int]) -> bool:
    return any(grade > 0 for grade in judgements.values())


def summarise(
    rankings: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]
) -> dict[str, float]:
    """Mean nDCG@10, Recall@20 and MRR over the needs that have at least one relevant listing."""
    needs = [need for need in rankings if has_relevant(qrels.get(need, {}))]
    if not needs:
        return {"ndcg@10": 0.0, "recall@20": 0.0, "mrr": 0.0}
    totals = {"ndcg@10": 0.0, "recall@20": 0.0, "mrr": 0.0}
    for need in needs:
        judged = qrels[need]
        ranking = rankings[need]
        totals["ndcg@10"] += ndcg_at(ranking, judged, 10)
        totals["recall@20"] += recall_at(ranking, judged, 20)
        totals["mrr"] += reciprocal_rank(ranking, judged)
    return {name: round(value / len(needs), 4) for name, value in totals.items()}
