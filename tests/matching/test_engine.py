"""The engine over records in a temporary index: hard filters, urgent incident help, teams, cross-language."""

import pytest
from elasticsearch.helpers import bulk

from matching import engine
from matching.explain import explain_listing_for_need
from matching.teams import propose_team
from search.documents import listing_action
from search.indexes import create_index, delete_indexes, temporary_name
from search.records import ListingRecord, NeedRecord


@pytest.fixture
def index_of(es_client):
    created = []

    def build(*records: ListingRecord) -> str:
        name = temporary_name("engine", "listings")
        create_index(es_client, "listings", name)
        created.append(name)
        bulk(es_client, [listing_action(record, name) for record in records], refresh=True)
        return name

    yield build
    delete_indexes(es_client, created)


def _ids(es_client, index, need: NeedRecord) -> list[str]:
    return [hit.id for hit in engine.search_listings_for_need(es_client, index, need, size=20)]


def _edr(listing_id: str, **fields) -> ListingRecord:
    return ListingRecord(id=listing_id, name="EDR サービス", description="エンドポイント検知・対応", **fields)


def test_hard_filters_keep_out_region_budget_and_verification_misfits(es_client, index_of):
    index = index_of(
        _edr("fits", regions=["kinki"], price_min=50_000, verification_level=3, vendor="a"),
        _edr("nationwide", regions=["nationwide"], vendor="b"),
        _edr("unknown-region", vendor="c"),
        _edr("wrong-region", regions=["hokkaido"], vendor="d"),
        _edr("too-expensive", regions=["kinki"], price_min=900_000, vendor="e"),
        _edr("unverified", regions=["kinki"], verification_level=1, vendor="f"),
        _edr("draft", regions=["kinki"], status="draft", vendor="g"),
    )
    need = NeedRecord(
        id="n", title="EDRを探しています", region="kinki", budget_max=100_000, min_verification=2
    )
    assert set(_ids(es_client, index, need)) == {"fits", "nationwide", "unknown-region"}
    assert set(_ids(es_client, index, NeedRecord(id="open", title="EDR"))) == {
        "fits", "nationwide", "unknown-region", "wrong-region", "too-expensive", "unverified"
    }  # fmt: skip


def test_an_urgent_sme_need_gets_on_site_incident_help_in_its_region_first(es_client, index_of):
    index = index_of(
        ListingRecord(
            id="remote-forensics",
            name="Ransomware forensics",
            description="Remote investigation of ransomware incidents",
            categories=["incident-response"],
            regions=["nationwide"],
        ),
        ListingRecord(
            id="onsite-kinki",
            name="駆けつけ対応",
            description="技術者が現地へ駆けつけ、初動対応します",
            categories=["incident-response"],
            regions=["kinki"],
            delivery_models=["on_site"],
        ),
        ListingRecord(
            id="onsite-kanto",
            name="駆けつけ対応（関東）",
            description="技術者が現地へ駆けつけます",
            categories=["incident-response"],
            regions=["kanto"],
        ),
        ListingRecord(
            id="backup", name="Ransomware-proof backup", description="ransomware ransomware backup"
        ),
    )
    need = NeedRecord(
        id="n",
        title="Ransomware hit us, please come now",
        description="Our PCs are encrypted by ransomware.",
        region="kinki",
        company_size="micro",
        urgent=True,
    )
    ranked = _ids(es_client, index, need)
    assert ranked[0] == "onsite-kinki"
    assert "onsite-kanto" not in ranked


def test_an_english_need_finds_japanese_listings_and_the_explanation_says_why(es_client, index_of):
    index = index_of(
        ListingRecord(
            id="ja-utm",
            name="統合脅威管理アプライアンス",
            description="ファイアウォールと侵入防止を一台に。",
            categories=["network-security"],
            regions=["nationwide"],
            verification_level=3,
            verification_kinds=["effectiveness"],
            price_min=20_000,
        ),
        ListingRecord(
            id="ja-training",
            name="社員研修",
            description="標的型メール訓練",
            categories=["training-awareness"],
        ),
    )
    need = NeedRecord(
        id="n",
        title="UTM for a small shop",
        description="We need unified threat management.",
        region="kanto",
        budget_max=50_000,
        min_verification=2,
    )
    hits = engine.search_listings_for_need(es_client, index, need)
    assert [hit.id for hit in hits][:1] == ["ja-utm"]
    explanation = explain_listing_for_need(need, hits[0])
    assert any("<mark>統合脅威管理</mark>" in highlight.html for highlight in explanation.highlights)
    assert any("UTM" in concept for concept in explanation.shared_concepts)
    statuses = {criterion.key: criterion.status for criterion in explanation.criteria}
    assert statuses["region"] == "met" and statuses["budget"] == "met" and statuses["verification"] == "met"
    assert "effectiveness" in explanation.verification.lower()


def test_a_team_is_proposed_when_no_single_listing_covers_every_component(es_client, index_of):
    index = index_of(
        ListingRecord(
            id="people",
            name="Security training",
            description="staff training",
            cpsf_components=["people"],
            vendor="a",
        ),
        ListingRecord(
            id="things",
            name="Device security",
            description="security for devices",
            cpsf_components=["things"],
            vendor="b",
        ),
        ListingRecord(
            id="things-2",
            name="Device security",
            description="security for devices",
            cpsf_components=["things"],
            vendor="b",
        ),
        ListingRecord(
            id="data",
            name="Data security",
            description="security of data",
            cpsf_components=["data", "things"],
            vendor="c",
        ),
    )
    need = NeedRecord(
        id="n", title="security for our staff, devices and data", cpsf_components=["people", "things", "data"]
    )
    hits = engine.search_listings_for_need(es_client, index, need)
    team = propose_team(need, hits)
    assert team is not None and team.complete
    assert {hit.id for hit in team.members} == {"people", "data"}
    assert len({hit.source["vendor"] for hit in team.members}) == len(team.members)

    covered = NeedRecord(id="m", title="security for devices", cpsf_components=["things", "data"])
    assert propose_team(covered, engine.search_listings_for_need(es_client, index, covered)) is None
