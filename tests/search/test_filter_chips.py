"""Filters that do not apply to the chosen kind of result are dropped (never a false "0 results"), and the
filters in force are removable chips labelled in the reader's language."""

from urllib.parse import parse_qs

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from search.filters import applicable, chips
from search.queries import SearchParams
from tests.marketplace.factories import make_listing, make_need

pytestmark = pytest.mark.django_db


def _search(client, **params):
    return client.get(reverse("search:search"), params)


def _titles(response) -> list[str]:
    page = response.context["page"]
    return [result.title for result in page.results] if page else []


def test_filters_of_solutions_are_dropped_for_needs_and_events():
    params = SearchParams(
        q="EDR", kind="needs", categories=["endpoint-protection"], min_level=3, sort="verification"
    )
    kept, dropped = applicable(params)
    assert (kept.min_level, kept.categories, kept.sort) == (None, ["endpoint-protection"], "relevance")
    assert dropped == ["level"]
    kept, dropped = applicable(SearchParams(kind="events", regions=["kinki"], price="50k", min_level=2))
    assert (kept.regions, kept.price, kept.min_level) == ([], None, None)
    assert dropped == ["level", "price", "region"]
    assert applicable(SearchParams(kind="listings", min_level=3, price="1m"))[1] == []


def test_switching_to_needs_drops_the_verification_level_instead_of_finding_nothing(sync_now, client):
    make_need(title="EDR for our factory PCs")
    sync_now()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _search(client, q="EDR", type="needs", level="3")
    assert _titles(response) == ["EDR for our factory PCs"]
    body = response.content.decode()
    assert 'name="level"' not in body
    assert response.context["chips"] == []
    assert response.context["dropped"] == ["Verification level (at least)"]
    assert "Verification level (at least)" in body.split('id="dropped-filters"')[1].split("</p>")[0]
    assert "level=" not in response.context["query_string"]


def test_switching_to_events_drops_every_facet(sync_now, client):
    response = _search(client, q="CPSF", type="events", region="kinki", category="endpoint-protection")
    assert response.context["chips"] == []
    assert response.context["params"].regions == [] and response.context["params"].categories == []
    assert "dropped-filters" in response.content.decode()


def test_each_active_filter_is_a_chip_that_removes_only_itself(sync_now, client):
    make_listing(name_ja="", name_en="EDR in Kinki", regions=["kinki"], categories=["endpoint-protection"])
    make_listing(name_ja="", name_en="EDR in Kanto", regions=["kanto"], categories=["endpoint-protection"])
    sync_now()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _search(client, q="EDR", region="kinki", category="endpoint-protection")
    assert _titles(response) == ["EDR in Kinki"]
    by_name = {chip.name: chip for chip in response.context["chips"]}
    assert set(by_name) == {"region", "category"}
    region = parse_qs(by_name["region"].remove_query)
    assert "region" not in region and region["category"] == ["endpoint-protection"] and region["q"] == ["EDR"]
    body = response.content.decode()
    assert f'href="?{by_name["region"].remove_query}"' in body.replace("&amp;", "&")
    assert 'id="clear-filters"' in body
    without_region = client.get(reverse("search:search") + "?" + by_name["region"].remove_query)
    assert sorted(_titles(without_region)) == ["EDR in Kanto", "EDR in Kinki"]
    cleared = parse_qs(response.context["clear_query"])
    assert cleared == {"q": ["EDR"], "type": ["listings"]}


def test_chips_are_labelled_in_the_readers_language_never_with_raw_codes():
    params = SearchParams(
        kind="listings",
        categories=["endpoint-protection"],
        layers=[2],
        components=["things"],
        regions=["kinki", "nationwide"],
        min_level=3,
        price="50k",
    )
    with translation.override("ja"):
        labels = [(chip.label, chip.value_label) for chip in chips(params)]
    codes = {"endpoint-protection", "2", "things", "kinki", "nationwide", "3", "50k"}
    assert not any(value in codes for _label, value in labels), labels
    assert ("地域", "近畿") in labels
    with translation.override("en"):
        labels = [(chip.label, chip.value_label) for chip in chips(params)]
    assert ("Region", "Kinki") in labels and ("Price", "up to ¥50,000") in labels
    need_labels = [chip.label for chip in chips(SearchParams(kind="needs", price="50k"))]
    assert [str(label) for label in need_labels] == ["Budget"]
