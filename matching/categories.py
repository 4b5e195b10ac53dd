"""What kind of solution a need asks for when it names no category, learned from the catalogue itself.

Most needs are written as symptoms ("ファイルが開けず、拡張子が変わっていた", "customers ask for proof of our
measures"), not as category names. The catalogue already says which words go with which category: every listing a
vendor filed under "incident response" or "backup and recovery" is a labelled example. This module learns a
multinomial naive-Bayes model from those examples — the analysed terms and glossary concepts the index already
holds for each listing — and gives every category a confidence for a need's text.

The model is built from a random sample of the index's categorised listings (at most ``SAMPLE`` of them), kept in
the process for ``TTL_SECONDS`` and rebuilt after that, so it follows the catalogue without a build step and without
reading the database. A need's inferred categories are *soft* evidence: the engine boosts listings of a category in
proportion to the confidence and never filters on it; explanations say "inferred" and show the confidence.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from elasticsearch import Elasticsearch
from elasticsearch_dsl import Q, Search

#: Categorised listings read to learn the model (a uniform random sample when the catalogue is larger).
SAMPLE = 3000
#: How long a learned model is reused before it is learned again from the index.
TTL_SECONDS = 300.0
#: Categories below this confidence are not reported (they would add noise, not evidence).
MIN_CONFIDENCE = 0.15
#: Fewer categorised listings than this teach nothing reliable: the model then stays empty (glossary fallback).
MIN_EXAMPLES = 20
#: Laplace smoothing of term counts.
_ALPHA = 0.5
_SOURCE_FIELDS = ["name_terms", "body_terms", "concepts", "categories"]


@dataclass
class CategoryModel:
    """Per-category term profiles (document frequencies) of the catalogue's categorised listings."""

    documents: int = 0
    #: category → how many sampled listings carry it
    category_docs: dict[str, int] = field(default_factory=dict)
    #: category → term → listings of the category containing the term
    term_docs: dict[str, Counter] = field(default_factory=dict)
    #: term → listings (of the sample) containing it; also used as an IDF table by the part coverage
    document_frequency: Counter = field(default_factory=Counter)
    #: category → total term occurrences (each term counted once per listing)
    category_terms: dict[str, int] = field(default_factory=dict)
    indexes: frozenset[str] = frozenset()
    built_at: float = 0.0

    @classmethod
    def learn(cls, examples: list[tuple[set[str], list[str]]], indexes: frozenset[str] = frozenset()):
        """``examples``: (the listing's distinct terms and concepts, its categories)."""
        model = cls(indexes=indexes, built_at=time.monotonic())
        for terms, categories in examples:
            if not categories or not terms:
                continue
            model.documents += 1
            model.document_frequency.update(terms)
            for category in set(categories):
                model.category_docs[category] = model.category_docs.get(category, 0) + 1
                model.term_docs.setdefault(category, Counter()).update(terms)
                model.category_terms[category] = model.category_terms.get(category, 0) + len(terms)
        # Terms seen once say nothing general. Terms frequent everywhere need no cut-off: against the background
        # of the whole catalogue they favour no category (see ``infer``).
        vocabulary = {t for t, n in model.document_frequency.items() if n >= 2}
        model.document_frequency = Counter({t: model.document_frequency[t] for t in vocabulary})
        for category, counts in model.term_docs.items():
            model.term_docs[category] = Counter({t: n for t, n in counts.items() if t in vocabulary})
            model.category_terms[category] = sum(model.term_docs[category].values())
        return model

    @property
    def empty(self) -> bool:
        return self.documents < MIN_EXAMPLES or not self.category_docs

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term in the sample (rare and unseen terms weigh most)."""
        return math.log(1 + (self.documents + 1) / (self.document_frequency.get(term, 0) + 1))

    def infer(self, terms: list[str] | tuple[str, ...], limit: int = 3) -> dict[str, float]:
        """Category → confidence (0-1, summing to at most 1) for a text's terms, best first.

        Naive Bayes over the terms the model knows, against a background of the whole catalogue: a term only
        counts for a category as far as it is more frequent there than in listings at large. The log-likelihoods
        are tempered by the square root of the number of known terms, so a long need is not made over-confident
        by the independence assumption.
        """
        known = [t for t in dict.fromkeys(terms) if t in self.document_frequency]
        if self.empty or not known:
            return {}
        vocabulary = len(self.document_frequency)
        total_terms = sum(self.category_terms.values())
        scores: dict[str, float] = {}
        for category, docs in self.category_docs.items():
            counts = self.term_docs.get(category, Counter())
            denominator = self.category_terms.get(category, 0) + _ALPHA * vocabulary
            score = 0.0
            for term in known:
                p_term = (counts.get(term, 0) + _ALPHA) / denominator
                p_background = (self.document_frequency[term] + _ALPHA) / (total_terms + _ALPHA * vocabulary)
                score += math.log(p_term / p_background)
            scores[category] = score / math.sqrt(len(known)) + math.log(docs / self.documents)
        top = max(scores.values())
        weights = {category: math.exp(score - top) for category, score in scores.items()}
        total = sum(weights.values())
        ranked = sorted(((w / total, c) for c, w in weights.items()), reverse=True)
        return {c: round(p, 3) for p, c in ranked[:limit] if p >= MIN_CONFIDENCE}


def listing_features(source: dict) -> set[str]:
    """The distinct analysed terms and concept tokens of an indexed listing's ``_source``."""
    return {
        term
        for name in ("name_terms", "body_terms", "concepts")
        for term in (source.get(name) or "").split()
        if not term.isdigit()
    }


_lock = threading.Lock()
_models: dict[str, CategoryModel] = {}


def learn_from_index(client: Elasticsearch, index: str, sample: int = SAMPLE) -> CategoryModel:
    """Learn a model from (a random sample of) the published, categorised listings in ``index``."""
    published = Q("bool", filter=[Q("term", status="published"), Q("exists", field="categories")])
    sample_query = Q(
        "function_score", query=published, random_score={"seed": 7, "field": "_seq_no"}, boost_mode="replace"
    )
    search = (
        Search().query(sample_query).extra(size=sample, track_total_hits=False).source(list(_SOURCE_FIELDS))
    )
    response = client.search(index=index, body=search.to_dict())
    hits = response["hits"]["hits"]
    examples = [
        (listing_features(hit["_source"]), list(hit["_source"].get("categories") or [])) for hit in hits
    ]
    return CategoryModel.learn(examples, indexes=frozenset(hit["_index"] for hit in hits))


def category_model(client: Elasticsearch, index: str) -> CategoryModel:
    """The model for ``index``, learned on first use and again once it is ``TTL_SECONDS`` old."""
    model = _models.get(index)
    if model is not None and time.monotonic() - model.built_at < TTL_SECONDS:
        return model
    with _lock:
        model = _models.get(index)
        if model is None or time.monotonic() - model.built_at >= TTL_SECONDS:
            model = learn_from_index(client, index)
            _models[index] = model
    return model


def forget(index: str | None = None, *, unless_built_from: str | None = None) -> None:
    """Drop the learned model of ``index`` (all models when None), e.g. when the alias moved to a new index:
    with ``unless_built_from``, only if the model was not learned from that concrete index."""
    with _lock:
        if index is None:
            _models.clear()
            return
        model = _models.get(index)
        if model is not None and (unless_built_from is None or unless_built_from not in model.indexes):
            del _models[index]
