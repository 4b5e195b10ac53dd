"""Baselines the matching evaluation compares the engine with.

``bm25`` is the engine module's own plain query over the site's listing index. ``bm25_bigram`` is the stronger
baseline an outside evaluator would try first: BM25 over word tokens plus character bigrams of Japanese text,
the name, summary and description scored separately and summed. It must not depend on the site's analysers (they
are what is being measured), nor on plugins a node may lack, so the tokens are computed here in Python and indexed
as whitespace-separated terms in a throw-away index of their own, searched with the ``whitespace`` analyser that
every Elasticsearch node has.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk
from elasticsearch_dsl import Q
from elasticsearch_dsl.query import Query

from search.records import ListingRecord, NeedRecord

BIGRAM_FIELDS = ("name", "summary", "description")

#: Hiragana, katakana (with the prolonged sound mark), halfwidth katakana and CJK ideographs: runs of these have
#: no spaces between words, so they are cut into overlapping character pairs.
_JAPANESE = re.compile(
    "[\u3005\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"
)


def _kind(char: str) -> str:
    """ "j" for Japanese script, "w" for a letter, digit or combining mark of any other script, "" otherwise."""
    if _JAPANESE.match(char):
        return "j"
    return "w" if unicodedata.category(char)[0] in "LNM" else ""


BIGRAM_INDEX_BODY: dict[str, Any] = {
    "settings": {"number_of_shards": 1, "number_of_replicas": 0},
    "mappings": {
        "dynamic": "strict",
        "properties": {field: {"type": "text", "analyzer": "whitespace"} for field in BIGRAM_FIELDS},
    },
}


def bigram_terms(text: str) -> list[str]:
    """Word tokens of any script (lowercased, NFKC-normalised) and the character bigrams of Japanese runs.

    A Japanese run of a single character is kept as it is, so that "夜" or "鍵" still count. Combining marks stay
    inside their word (Thai and Devanagari vowels, decomposed accents).
    """
    terms: list[str] = []
    for kind, run in groupby(unicodedata.normalize("NFKC", text or "").lower(), key=_kind):
        chars = "".join(run)
        if kind == "w":
            terms.append(chars)
        elif kind == "j":
            terms.extend([chars] if len(chars) == 1 else [chars[i : i + 2] for i in range(len(chars) - 1)])
    return terms


def bigram_document(listing: ListingRecord) -> dict[str, str]:
    return {field: " ".join(bigram_terms(getattr(listing, field))) for field in BIGRAM_FIELDS}


def bigram_query(need: NeedRecord) -> Query:
    """The need's title and description against each field; the fields' BM25 scores add up."""
    text = " ".join(bigram_terms(f"{need.title}\n{need.description}"))
    return Q("bool", should=[Q("match", **{field: {"query": text}}) for field in BIGRAM_FIELDS])


def create_bigram_index(client: Elasticsearch, name: str, listings: list[ListingRecord]) -> None:
    """Create and fill the baseline's index (the caller deletes it)."""
    client.indices.create(
        index=name, settings=BIGRAM_INDEX_BODY["settings"], mappings=BIGRAM_INDEX_BODY["mappings"]
    )

    def actions() -> Iterator[dict[str, Any]]:
        for listing in listings:
            yield {"_index": name, "_id": listing.id, "_source": bigram_document(listing)}

    for ok, item in streaming_bulk(client, actions(), chunk_size=500, raise_on_error=False):
        if not ok:
            raise RuntimeError(f"Could not index listing for the bigram baseline: {item}")
    client.indices.refresh(index=name)
