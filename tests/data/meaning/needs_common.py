"""The record shape shared by the development and held-out needs of the meaning-judged set."""

from __future__ import annotations

from typing import Any


def need(
    title: str,
    description: str,
    language: str,
    *,
    region: str | None = None,
    size: str | None = None,
    industry: str | None = None,
    budget: int | None = None,
    min_verification: str | None = None,
    urgent: bool = False,
    categories: tuple[str, ...] = (),
    components: tuple[str, ...] = (),
) -> dict[str, Any]:
    """One need in the evaluation format, without its id (ids are given in order when the files are written)."""
    return {
        "title": title,
        "description": description,
        "language": language,
        "categories": list(categories),
        "cpsf_components": list(components),
        "industry": industry,
        "company_size": size,
        "region": region,
        "budget_max": budget,
        "min_verification": min_verification,
        "urgent": urgent,
    }
