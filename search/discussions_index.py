"""The discussion message index: what a message document is (``messages`` is an indexed kind like listings, needs
and events — outbox, drain, versioned index behind an alias, ``search_reindex messages``).

A document exists for every message row. A deleted or moderator-hidden message is indexed *without any text*
(``visible`` false, empty ``body``, ``topic`` and ``sender_name``), so neither a hit nor a highlight can bring its
words back; searches also filter on ``visible``. Keeping the document instead of deleting it lets the version
rule below hold for every change of a message's life.

Documents are versioned externally with the message's ``change`` number: the channel's change counter, taken
under the channel's row lock by every post, edit, deletion, hiding and reaction (``cpsplatform.discussions``), so
it only grows over a message's life. A slow drainer holding an older state can never overwrite a newer one, and a
replay of the same state is accepted (``external_gte``).

Analysis uses only what the core node has: the standard tokenizer (which cuts Japanese into single characters),
lowercase, and a shingle filter that joins neighbours into pairs. ``body`` (single tokens) must contain every
token of the query; ``body.pairs`` ranks messages where they stand together (Japanese words, English phrases)
higher.

This module must not import ``search.indexes`` (which imports ``search.documents``, which imports this).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    MetaField,
    Text,
    analyzer,
    token_filter,
)

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
    visible = Boolean()
    topic = _text()
    body = _text()
    sender_id = Integer()
    sender_name = Text(analyzer=single_tokens)
    created_at = Date()

    class Meta:
        dynamic = MetaField("strict")

    class Index:
        name = "messages-unbound"  # real names are given per index by search.indexes


@dataclass
class MessageRecord:
    """One message as the index sees it; ``search.sources.message_record`` builds it from the row."""

    id: str
    channel_id: int
    channel_slug: str
    seq: int
    change: int
    visible: bool
    topic: str
    body: str
    sender_id: int | None
    sender_name: str
    created_at: datetime.datetime


def message_source(record: MessageRecord) -> dict[str, Any]:
    """The ``_source`` of a message document; an invisible message keeps only where it stands."""
    shown = record.visible
    return {
        "channel_id": record.channel_id,
        "channel_slug": record.channel_slug,
        "seq": record.seq,
        "visible": shown,
        "topic": record.topic if shown else "",
        "body": record.body if shown else "",
        "sender_id": record.sender_id if shown else None,
        "sender_name": record.sender_name if shown else "",
        "created_at": record.created_at.isoformat(),
    }


def message_action(record: MessageRecord, index: str) -> dict[str, Any]:
    """A bulk ``index`` action for a message, versioned by its ``change`` number (see the module docstring)."""
    return {
        "_op_type": "index",
        "_index": index,
        "_id": record.id,
        "_source": message_source(record),
        "version": record.change,
        "version_type": "external_gte",
    }
