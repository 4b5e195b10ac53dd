"""Searching discussion messages, only ever within channels the reader may read (the caller passes
``channels_readable_by(user)`` ids; the filter is part of the Elasticsearch query)."""

from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch_dsl import Search

from search.discussions_index import MessageDocument
from search.indexes import UNAVAILABLE_ERRORS, SearchUnavailable, ensure_index, get_client

#: Elasticsearch's default ``index.max_result_window``: pages beyond it are empty rather than an error.
MAX_RESULT_WINDOW = 10_000


def search_messages(query: str, channel_ids: list[int], *, size: int = 20, offset: int = 0) -> dict[str, Any]:
    """Visible messages matching ``query`` in the channels ``channel_ids`` only, best first, with highlights.

    Returns ``{"total": n, "hits": [{"channel_id", "channel_slug", "seq", "topic", "sender_name", "created_at",
    "body", "highlight"}]}``. No channel ids means no results (never "all channels"). Raises
    ``SearchUnavailable`` when Elasticsearch cannot answer.
    """
    query = " ".join(query.split())[:200]
    if not query or not channel_ids:
        return {"total": 0, "hits": []}
    offset = min(max(0, offset), MAX_RESULT_WINDOW)
    size = max(0, min(size, MAX_RESULT_WINDOW - offset))
    client = get_client(timeout=5, retries=0)
    try:
        index = ensure_index(client, "messages")
        search = message_search(query, channel_ids, size=size, offset=offset, using=client, index=index)
        response = search.execute()
    except UNAVAILABLE_ERRORS as error:
        raise SearchUnavailable(str(error)) from error
    hits = []
    for hit in response:
        fragments = getattr(getattr(hit.meta, "highlight", None), "body", None)
        hits.append(
            {
                "channel_id": hit.channel_id,
                "channel_slug": hit.channel_slug,
                "seq": hit.seq,
                "topic": hit.topic,
                "sender_name": hit.sender_name,
                "created_at": hit.created_at,
                "body": hit.body,
                "highlight": fragments[0] if fragments else None,
            }
        )
    return {"total": response.hits.total.value, "hits": hits}


def message_search(
    query: str,
    channel_ids: list[int],
    *,
    size: int,
    offset: int,
    using: Elasticsearch | None = None,
    index=None,
) -> Search:
    """The request ``search_messages`` sends (``query`` already normalised, ``size``/``offset`` clamped)."""
    return (
        MessageDocument.search(using=using, index=index)
        .filter("terms", channel_id=list(channel_ids))
        .filter("term", visible=True)
        .query(
            "bool",
            must=[
                {
                    "multi_match": {
                        "query": query,
                        "fields": ["body", "topic"],
                        "operator": "and",
                        "type": "cross_fields",
                    }
                }
            ],
            should=[
                {"match": {"body.pairs": {"query": query, "boost": 2}}},
                {"match": {"topic.pairs": {"query": query}}},
            ],
        )
        .highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
        .highlight("body", fragment_size=160, number_of_fragments=1)
        .sort("_score", {"created_at": "desc"})
        .extra(track_total_hits=True)[offset : offset + size]
    )
