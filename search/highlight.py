"""Marking matched words in text, in both languages (the glossary lets "pen test" mark 侵入テスト)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import term_spans


def snippet(text: str, spans: list[tuple[int, int]], width: int = 180) -> SafeString:
    """An escaped window of ``text`` around its first spans, the spans wrapped in ``<mark>``."""
    if not spans:
        return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))  # noqa: S308
    start = max(0, spans[0][0] - width // 4)
    end = min(len(text), start + width)
    parts = ["…" if start > 0 else ""]
    position = start
    for span_start, span_end in spans:
        if span_start >= end:
            break
        span_start, span_end = max(span_start, position), min(span_end, end)
        if span_start < position or span_start >= span_end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308  (every piece of text above is escaped)


def highlight(
    text: str | None, terms: set[str], concepts: set[str], width: int = 180
) -> tuple[SafeString, bool]:
    """(``text`` with the words matching ``terms``/``concepts`` marked, whether anything matched)."""
    normalised, spans = term_spans(text or "", terms, concepts)
    return snippet(normalised, spans, width), bool(spans)
