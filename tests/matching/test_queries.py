"""The shape of the engine's Elasticsearch requests (built with ``elasticsearch_dsl``), and the structure evidence
the engine computes in Python instead of asking Elasticsearch for it."""

import datetime

from elasticsearch.helpers import bulk
from elasticsearch_dsl import Q

from matching import engine
from matching.baselines import bigram_query
from matching.people import _restricted
from search.documents import listing_action
from search.indexes import create_index, delete_indexes, temporary_name
from search.records import ListingRecord, NeedRecord

TEXT_FIELDS = ["name_terms^2", "body_terms", "category_terms"]
INCIDENT_HELP = {
    "bool": {
        "minimum_should_match": 1,
        "should": [
            {"term": {"incident_help": True}},
            {"terms": {"categories": ["incident-response", "sme-help-package"]}},
        ],
    }
}


def _either(query: dict, missing_field: str) -> dict:
    return {
        "bool": {
            "minimum_should_match": 1,
            "should": [query, {"bool": {"must_not": [{"exists": {"field": missing_field}}]}}],
        }
    }


def _words(query: str, boost: float, name: str, fields=TEXT_FIELDS) -> dict:
    return {"combined_fields": {"fields": fields, "query": query, "boost": boost, "_name": name}}


def _const(name: str, query: dict, boost: float) -> dict:
    return {"constant_score": {"filter": query, "boost": boost, "_name": name}}


def test_a_need_with_every_constraint_asks_elasticsearch_only_for_filters_text_and_named_categories():
    """Structure (industry, components, region, verification, freshness) is scored in Python: the query carries
    the hard filters, the admission clauses, the bridge and, for an urgent need, incident help — nothing else."""
    need = NeedRecord(
        id="n",
        title="EDR for factories",
        description="Ransomware detection",
        region="kinki",
        budget_max=100_000,
        min_verification=2,
        categories=["endpoint"],
        cpsf_components=["system"],
        industry="manufacturing",
        urgent=True,
    )
    assert engine.listing_query(need).to_dict() == {
        "bool": {
            "filter": [
                {"term": {"status": "published"}},
                _either({"terms": {"regions": ["kinki", "nationwide"]}}, "regions"),
                _either({"range": {"price_min": {"lte": 100_000}}}, "price_min"),
                _either({"range": {"verification_level": {"gte": 2}}}, "verification_level"),
            ],
            "must": [
                {
                    "bool": {
                        "minimum_should_match": 1,
                        "should": [
                            _words("edr factori", 2.0, "title_terms"),
                            _words("ransomwar detect", 1.0, "body_terms"),
                            _words(
                                "c.edr c.factory c.ransomware",
                                3.0,
                                "concepts",
                                ["concepts", "name_concepts^2"],
                            ),
                            _const("category", {"terms": {"categories": ["endpoint"]}}, 6.0),
                        ],
                    }
                }
            ],
            "should": [
                _words("ファクトリー 工場", 0.3, "bridge"),
                _const("urgent_incident", INCIDENT_HELP, 8.0),
                _const(
                    "urgent_onsite", {"bool": {"filter": [INCIDENT_HELP, {"term": {"onsite": True}}]}}, 3.0
                ),
                _const("urgent_local", {"term": {"regions": "kinki"}}, 2.0),
            ],
        }
    }


def test_a_japanese_need_naming_nothing_is_admitted_by_words_concepts_and_kanji_bigrams_alone():
    need = NeedRecord(id="n", title="情報漏洩", description="暗号化されたファイル")
    query = engine.listing_query(need).to_dict()["bool"]
    assert query["filter"] == [{"term": {"status": "published"}}]
    admission = query["must"][0]["bool"]["should"]
    assert [clause[next(iter(clause))]["_name"] for clause in admission] == [
        "title_terms",
        "body_terms",
        "concepts",
        "bigrams",
    ]
    assert admission[3] == {
        "multi_match": {
            "query": "情報 報漏 漏洩 洩暗 暗号 号化",
            "fields": ["name.bigram", "summary.bigram", "description.bigram"],
            "type": "cross_fields",
            "analyzer": "whitespace",
            "boost": 0.15,
            "_name": "bigrams",
        }
    }


def test_the_candidates_request_counts_no_total_and_asks_for_each_clause_score():
    need = NeedRecord(id="n", title="EDR")
    search = engine.search_request(
        engine.listing_query(need), size=60, source=["regions"], clause_scores=True
    )
    body = search.to_dict()
    assert body["size"] == 60
    assert body["track_total_hits"] is False
    assert body["_source"] == ["regions"]
    assert search._params == {"include_named_queries_score": True}


def test_needs_for_a_listing_keep_structure_in_the_query_and_add_the_viewers_visibility():
    listing = ListingRecord(
        id="l",
        name="EDR service",
        description="Ransomware detection",
        categories=["endpoint"],
        regions=["kinki"],
    )
    visibility = {"term": {"visibility": "public"}}
    query = engine.need_query(listing, visibility=visibility).to_dict()["bool"]
    assert query["filter"] == [
        {"terms": {"status": ["open", "in_discussion"]}},
        _either({"range": {"expires_at": {"gt": "now"}}}, "expires_at"),
        _either({"terms": {"region": ["kinki"]}}, "region"),
        visibility,
    ]
    assert [clause[next(iter(clause))]["_name"] for clause in query["must"][0]["bool"]["should"]] == [
        "title_terms",
        "body_terms",
        "concepts",
        "category",
        "inferred_category",
    ]
    assert query["should"] == [
        _const("local", {"terms": {"region": ["kinki"]}}, 0.8),
        _const("fresh:180d", {"range": {"created_at": {"gte": "now-180d/d"}}}, 0.25),
        _const("fresh:30d", {"range": {"created_at": {"gte": "now-30d/d"}}}, 0.25),
    ]


def test_people_to_meet_restricts_the_engine_query_to_the_given_organisations_without_losing_its_filters():
    need = NeedRecord(id="n", title="EDR", region="kinki")
    restricted = _restricted(engine.listing_query(need), "vendor", {12, 3}).to_dict()["bool"]
    assert restricted["filter"][0] == {"term": {"status": "published"}}
    assert restricted["filter"][-1] == {"terms": {"vendor": ["12", "3"]}}
    assert restricted["must"][0]["bool"]["minimum_should_match"] == 1


def test_the_baselines_are_one_multi_match_and_a_sum_of_bigram_fields():
    need = NeedRecord(id="n", title="EDR", description="工場")
    assert engine.baseline_query(need).to_dict() == {
        "multi_match": {"query": "EDR\n工場", "fields": ["name", "summary", "description"]}
    }
    assert bigram_query(need).to_dict() == {
        "bool": {
            "should": [
                {"match": {"name": {"query": "edr 工場"}}},
                {"match": {"summary": {"query": "edr 工場"}}},
                {"match": {"description": {"query": "edr 工場"}}},
            ]
        }
    }


def _constant(name: str, query, boost: float):
    return Q("constant_score", filter=query, boost=boost, _name=name)


def _structure_clauses(need: NeedRecord, understanding: engine.NeedUnderstanding) -> list:
    """The constant-score clauses the structure evidence stands for, as Elasticsearch would score them."""
    weights = engine.DEFAULT_WEIGHTS
    return [
        *(
            _constant(f"inferred:{c}", Q("term", categories=c), weights.inferred_category * p)
            for c, p in understanding.inferred.items()
        ),
        *(
            _constant(f"component:{c}", Q("term", cpsf_components=c), weights.component)
            for c in need.cpsf_components
        ),
        _constant("industry", Q("term", industries=need.industry), weights.industry),
        _constant("company_size", Q("term", company_sizes=need.company_size), weights.company_size),
        _constant("local", Q("term", regions=need.region), weights.local_presence),
        *(
            _constant(
                f"verification:{level}",
                Q("term", verification_level=level),
                weights.verification_step * level,
            )
            for level in range(1, 6)
        ),
        *(
            _constant(
                f"fresh:{days}d", Q("range", published_at={"gte": f"now-{days}d/d"}), weights.freshness / 2
            )
            for days in engine.FRESHNESS_DAYS
        ),
    ]


def test_structure_evidence_scored_in_python_equals_what_the_constant_clauses_score_in_elasticsearch(
    es_client,
):
    now = datetime.datetime.now(datetime.UTC)
    listings = [
        ListingRecord(
            id="full",
            name="OT monitoring",
            categories=["ot-ics", "incident-response"],
            cpsf_components=["system", "procedure"],
            industries=["manufacturing"],
            company_sizes=["sme"],
            regions=["kinki"],
            delivery_models=["on_site"],
            verification_level=3,
            published_at=now - datetime.timedelta(days=10),
        ),
        ListingRecord(
            id="older",
            name="Backup",
            categories=["backup"],
            cpsf_components=["data"],
            industries=["retail"],
            regions=["nationwide"],
            verification_level=5,
            published_at=now - datetime.timedelta(days=100),
        ),
        ListingRecord(id="bare", name="Consulting", published_at=now - datetime.timedelta(days=400)),
    ]
    need = NeedRecord(
        id="n",
        title="工場の監視",
        region="kinki",
        cpsf_components=["system", "data"],
        industry="manufacturing",
        company_size="sme",
        urgent=True,
    )
    understanding = engine.NeedUnderstanding(inferred={"ot-ics": 0.7, "backup": 0.2})
    index = temporary_name("structure", "listings")
    create_index(es_client, "listings", index)
    try:
        bulk(es_client, [listing_action(record, index) for record in listings], refresh=True)
        query = Q(
            "bool",
            filter=[Q("ids", values=[r.id for r in listings])],
            should=_structure_clauses(need, understanding),
        )
        response = es_client.search(
            index=index,
            body=engine.search_request(query, size=10, clause_scores=True).to_dict(),
            include_named_queries_score=True,
        )
        by_elasticsearch = {
            hit["_id"]: (hit["_source"], hit.get("matched_queries") or {}) for hit in response["hits"]["hits"]
        }
    finally:
        delete_indexes(es_client, [index])

    assert set(by_elasticsearch) == {"full", "older", "bare"}
    for listing_id, (source, expected) in by_elasticsearch.items():
        computed = engine.structure_scores(need, understanding, source)
        assert computed.keys() == expected.keys(), listing_id
        for name, score in expected.items():
            assert abs(computed[name] - score) < 1e-5, (listing_id, name)
    assert {"industry", "company_size", "local", "fresh:30d", "verification:3"} <= set(
        by_elasticsearch["full"][1]
    )
    assert "fresh:30d" not in by_elasticsearch["older"][1] and "fresh:180d" in by_elasticsearch["older"][1]
