"""Every ✔/✘ an explanation shows is true of the need and the listing, in both languages, with no raw codes:
checked claim by claim (``tests.matching.truth``) for the top ten of every need of a judged data set and of the
demo data.

The data sets checked are ``EXPLANATION_SETS``; set ``MATCHING_EXPLANATION_SETS`` (directories separated by
``:``) to check others, e.g. a newly judged set. Never point it at a held-out set's directory: reading it here is
harmless, but it keeps the rule simple.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.utils import translation
from elasticsearch.helpers import bulk

from marketplace.models import Need
from matching import engine, services
from matching.evaluation import load_dataset
from matching.explain import explain_listing_for_need
from scripts.demo import seed_all
from search.documents import listing_action
from search.indexes import create_index, delete_indexes, temporary_name
from search.sources import listing_record, listings_queryset, need_record, needs_queryset
from tests.matching.truth import claim_errors

ROOT = Path(__file__).resolve().parents[2]
EXPLANATION_SETS = [ROOT / "tests/data/matching-dev"]


def _sets() -> list[Path]:
    configured = os.environ.get("MATCHING_EXPLANATION_SETS")
    if configured:
        return [Path(part) for part in configured.split(":") if part]
    return EXPLANATION_SETS


@pytest.mark.parametrize("directory", _sets(), ids=lambda path: path.name)
def test_every_explanation_claim_is_true_for_every_need_of_the_data_set(es_client, directory):
    dataset = load_dataset(directory)
    listings = {record.id: record for record in dataset.listings}
    index = temporary_name("truth", "listings")
    create_index(es_client, "listings", index)
    try:
        bulk(es_client, [listing_action(record, index) for record in dataset.listings], refresh=True)
        errors: list[str] = []
        checked = 0
        for need in dataset.needs:
            ranking = engine.rank_listings_for_need(es_client, index, need, size=10)
            for language in ("en", "ja"):
                with translation.override(language):
                    for hit in ranking.hits:
                        explanation = explain_listing_for_need(need, hit, understanding=ranking.understanding)
                        errors += claim_errors(need, listings[hit.id], explanation, ranking.understanding)
                        checked += len(explanation.criteria)
    finally:
        delete_indexes(es_client, [index])
    assert checked > len(dataset.needs) * 10, "too few claims were checked to mean anything"
    assert not errors, "\n".join(errors[:40])


@pytest.mark.django_db
def test_every_explanation_claim_is_true_on_the_demo_data(clean_indexes):
    seed_all(io.StringIO())
    errors: list[str] = []
    checked = 0
    for need in Need.objects.all():
        if not need.is_open:
            continue
        record = need_record(needs_queryset().get(pk=need.pk))
        for language in ("en", "ja"):
            with translation.override(language):
                recommendations = services.recommend_for_need(need, size=10)
                assert not recommendations.unavailable
                understanding = recommendations.understanding
                for suggestion in recommendations.suggestions:
                    listing = listing_record(listings_queryset().get(pk=int(suggestion.id)))
                    errors += claim_errors(record, listing, suggestion.explanation, understanding)
                    checked += len(suggestion.explanation.criteria)
                if recommendations.team:
                    for label in recommendations.team.missing_labels:
                        assert label not in {c for c in need.cpsf_components}, "a CPSF code shown as is"
                    for member in recommendations.team_suggestions:
                        assert set(member.component_labels).isdisjoint(member.source.get("cpsf_components"))
    assert checked > 0, "the demo data gave no recommendation to check"
    assert not errors, "\n".join(errors[:40])
