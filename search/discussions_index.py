"""The discussion message index: one document per visible message, searched only within channels the reader may
read (the caller passes ``channels_readable_by(user)`` ids; the filter is part of the Elasticsearch query).

Analysis uses only what the core node has: the standard tokenizer (which cuts Japanese into single characters),
lowercase, and a shingle filter that joins neighbours into pairs. ``body`` (single tokens) must contain every
token of the query; ``body.pairs`` ranks messages where they stand together (Japanese words, English phrases)
higher.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from django.conf import settings
from elasticsearch import BadRequestError, NotFoundError
from elasticsearch.dsl import Date, Document, Integer, Keyword, Long, Text, analyzer, token_filter

from cpsplatform.elasticsearch_client import get_client, index_name

logger = logging.getLogger(__name__)

INDEX_BASENAME = "discussion-messages"

pairs = token_filter(
    "message_pairs", "shingle", min_shingle_size=2, max_shingle_size=2, output_unigrams=False
)
single_tokens = analyzer("message_tokens", tokenizer="standard", filter=["lowercase"])
paired_tokens = analyzer("message_pairs", tokenizer="standard", filter=["lowercase", pairs])


def _text() -> Text:
    return Text(analyzer=single_tokens, fields={"pairs": Text(analyzer=paired_tokens)})


class MessageDocument(Document):
    channel_id = Integer()
    channel_slug = Keyword()
    seq = Long()
    topic = _text()
    body = _text()
    sender_id = Integer()
    sender_name = Text(analyzer=single_tokens)
    created_at = Date()

    class Index:
        name = INDEX_BASENAME  # replaced by the prefixed name at use (``current_index``)


def current_index() -> str:
    return index_name(INDEX_BASENAME)


def _client():
    return get_client().options(request_timeout=min(settings.ELASTICSEARCH_TIMEOUT, 5.0), max_retries=0)


_known_indexes: set[str] = set()


def ensure_index() -> str:
    """Create the index with its mapping if it does not exist; returns its name (checked once per process)."""
    name = current_index()
    if name in _known_indexes:
        return name
    client = _client()
    if not client.indices.exists(index=name):
        index = MessageDocument._index.clone(name=name)
        index.settings(number_of_shards=1, number_of_replicas=0)
        try:
            index.create(using=client)
        except BadRequestError as error:  # another process created it meanwhile
            if "resource_already_exists_exception" not in str(error):
                raise
    _known_indexes.add(name)
    return name


def document_id(channel_id: int, seq: int) -> str:
    return f"{channel_id}-{seq}"


def index_message(message, *, refresh: bool = False) -> None:
    """Add or replace one message (a deleted or hidden one is removed instead)."""
    if message.deleted_at is not None or message.hidden_at is not None:
        remove_message(message, refresh=refresh)
        return
    name = ensure_index()
    sender = message.sender
    document = MessageDocument(
        meta={"id": document_id(message.channel_id, message.seq)},
        channel_id=message.channel_id,
        channel_slug=message.channel.slug,
        seq=message.seq,
        topic=message.topic,
        body=message.body,
        sender_id=message.sender_id,
        sender_name=(sender.display_name or "") if sender else "",
        created_at=message.created_at,
    )
    document.save(using=_client(), index=name, refresh=refresh)


def remove_message(message, *, refresh: bool = False) -> None:
    with contextlib.suppress(NotFoundError):
        _client().delete(
            index=current_index(), id=document_id(message.channel_id, message.seq), refresh=refresh
        )


def search_messages(query: str, channel_ids: list[int], *, size: int = 20, offset: int = 0) -> dict[str, Any]:
    """Messages matching ``query`` in the channels ``channel_ids`` only, best first, with highlighted excerpts.

    Returns ``{"total": n, "hits": [{"channel_id", "channel_slug", "seq", "topic", "sender_name", "created_at",
    "highlight"}]}``. No channel ids means no results (never "all channels").
    """
    query = " ".join(query.split())[:200]
    if not query or not channel_ids:
        return {"total": 0, "hits": []}
    name = ensure_index()
    search = (
        MessageDocument.search(using=_client(), index=name)
        .filter("terms", channel_id=list(channel_ids))
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
    response = search.execute()
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


def rebuild_discussion_index(*, batch_size: int = 500) -> int:
    """Drop and refill the index from the database (every visible message); returns how many were indexed."""
    from elasticsearch.helpers import bulk

    from cpsplatform.discussions.models import Message

    client = _client().options(request_timeout=60)
    client.indices.delete(index=current_index(), ignore_unavailable=True)
    _known_indexes.discard(current_index())
    name = ensure_index()
    messages = (
        Message.objects.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        .select_related("channel", "sender")
        .order_by("pk")
    )

    def actions():
        for message in messages.iterator(chunk_size=batch_size):
            yield {
                "_index": name,
                "_id": document_id(message.channel_id, message.seq),
                "_source": {
                    "channel_id": message.channel_id,
                    "channel_slug": message.channel.slug,
                    "seq": message.seq,
                    "topic": message.topic,
                    "body": message.body,
                    "sender_id": message.sender_id,
                    "sender_name": (message.sender.display_name or "") if message.sender else "",
                    "created_at": message.created_at.isoformat(),
                },
            }

    indexed, _ = bulk(client, actions(), chunk_size=batch_size, refresh=True)
    return indexed
