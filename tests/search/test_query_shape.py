"""The requests the search app sends to Elasticsearch keep their shape.

``tests/search/data/query_shapes.json`` holds the request bodies the hand-written dict builders produced before the
search app moved to ``elasticsearch_dsl`` (captured from that code for these inputs; ``"<org>"`` stands for the
acting organisation's id). The DSL builders must produce exactly the same bodies, so relevance, facets, paging and
the visibility rule for needs cannot drift unnoticed when a builder is edited.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from cpsplatform.organisations.actor import Actor
from search.discussions_queries import message_search
from search.queries import SearchParams, site_search
from search.visibility import need_visibility_filter, need_visibility_query
from tests.factories import make_member, make_organisation, make_staff

SHAPES = json.loads((Path(__file__).parent / "data" / "query_shapes.json").read_text(encoding="utf-8"))

SITE_CASES = {
    "listings_browse": ({}, None),
    "listings_all_filters_japanese": (
        {
            "q": "制御システム セキュリティ",
            "categories": ["ot-security", "iot"],
            "layers": [1, 3],
            "components": ["people", "data"],
            "regions": ["kanto"],
            "min_level": 2,
            "price": "300k",
            "page": 3,
        },
        None,
    ),
    "listings_english_by_price": ({"q": "firewall monitoring", "sort": "price", "price": "50k"}, None),
    "listings_by_verification_top_band": ({"sort": "verification", "price": "more"}, None),
    "listings_newest_with_words": ({"q": "OT", "sort": "newest", "page": 500}, None),
    "listings_unknown_price_band": ({"q": "監視", "price": "bogus"}, None),
    "needs_anonymous": (
        {"kind": "needs", "q": "脆弱性診断", "regions": ["kansai"], "price": "1m", "sort": "price"},
        "anonymous",
    ),
    "needs_staff_digest": (
        {"kind": "needs", "created_after": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)},
        "staff",
    ),
    "needs_confirmed_vendor_member": (
        {"kind": "needs", "q": "OT", "min_level": 3, "sort": "verification"},
        "vendor",
    ),
    "needs_user_company_member": (
        {"kind": "needs", "layers": [2], "components": ["procedure"], "price": "5m"},
        "company",
    ),
    "events_browse": ({"kind": "events", "categories": ["iot"]}, None),
    "events_with_words": ({"kind": "events", "q": "展示会 exhibition"}, None),
}


@pytest.fixture
def viewers(db):
    """(user, acting organisation) per kind of reader."""
    vendor = make_organisation(kind="vendor", confirmed_by_staff=True)
    company = make_organisation(kind="user_company")
    return {
        None: (AnonymousUser(), None),
        "anonymous": (AnonymousUser(), None),
        "staff": (make_staff(), None),
        "vendor": (make_member(vendor).user, vendor),
        "company": (make_member(company).user, company),
    }


def expected(name: str, organisation) -> dict:
    text = json.dumps(SHAPES[name], ensure_ascii=False)
    if organisation is not None:
        text = text.replace('"<org>"', json.dumps(str(organisation.pk)))
    return json.loads(text)


@pytest.mark.parametrize("name", sorted(SITE_CASES))
def test_site_search_sends_the_same_request_as_before(name, viewers):
    params, reader = SITE_CASES[name]
    user, organisation = viewers[reader]
    search = site_search(SearchParams(**params), Actor.acting_for(user, organisation))
    assert search.to_dict() == expected(name, organisation)


@pytest.mark.parametrize(
    ("name", "query", "channels", "size", "offset"),
    [
        ("messages_first_page", "ファイアウォール 更新", [3, 1, 2], 20, 0),
        ("messages_later_page", "patch", [7], 5, 40),
    ],
)
def test_message_search_sends_the_same_request_as_before(name, query, channels, size, offset):
    search = message_search(query, channels, size=size, offset=offset)
    assert search.to_dict() == SHAPES[name]


def test_staff_see_every_need_so_no_visibility_filter_is_sent(viewers):
    actor = Actor.acting_for(*viewers["staff"])
    assert need_visibility_query(actor) is None
    assert need_visibility_filter(actor) is None


def test_the_dict_form_of_the_visibility_rule_is_the_dsl_form(viewers):
    """``matching`` takes the rule as a plain dict; it must be the very filter the site search sends."""
    actor = Actor.acting_for(*viewers["vendor"])
    assert need_visibility_filter(actor) == need_visibility_query(actor).to_dict()
    sent = site_search(SearchParams(kind="needs"), actor).to_dict()
    assert need_visibility_filter(actor) in sent["query"]["bool"]["filter"]


def test_an_unknown_kind_is_refused_before_anything_is_sent(viewers):
    actor = Actor.acting_for(*viewers[None])
    with pytest.raises(ValueError, match="Unknown search kind"):
        site_search(SearchParams(kind="people"), actor)
