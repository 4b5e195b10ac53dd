"""The engine over records in a temporary index: hard filters, urgent incident help, teams, cross-language."""

import pytest
from elasticsearch.helpers import bulk

from marketplace.choices import VerificationKind
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


def test_an_urgent_need_lifts_on_site_incident_help_without_burying_the_relevant_answers(es_client, index_of):
    """Urgency is a bounded boost, not a reorder: on-site incident help in the region rises above a relevant
    listing that is not incident help, while a responder that says nothing about the need stays below it."""
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
            name="ランサムウェア被害の駆けつけ対応",
            description="技術者が現地へ駆けつけ、ランサムウェアの初動対応をします",
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
        ListingRecord(
            id="generic-responder",
            name="緊急駆けつけ対応",
            description="オフィスの機器トラブルに技術者が駆けつけます",
            categories=["sme-help-package"],
            regions=["kinki"],
            delivery_models=["on_site"],
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
    assert "onsite-kanto" not in ranked  # the region is a hard filter
    assert set(ranked[:2]) == {"onsite-kinki", "remote-forensics"}
    assert ranked.index("onsite-kinki") < ranked.index("backup")
    assert "generic-responder" not in ranked[:3]  # on site and "incident help", but not about ransomware


def test_urgency_cannot_lift_an_irrelevant_responder_above_a_relevant_answer(es_client, index_of):
    index = index_of(
        ListingRecord(
            id="waf",
            name="Web application firewall",
            description="A managed WAF that blocks SQL injection against your online shop",
            categories=["web-security"],
        ),
        ListingRecord(
            id="responder",
            name="Incident response on site",
            description="Our engineers come to your office after an incident",
            categories=["incident-response"],
            delivery_models=["on_site"],
        ),
    )
    need = NeedRecord(
        id="n",
        title="Our online shop is attacked with SQL injection",
        description="We need a web application firewall for the shop quickly.",
        urgent=True,
    )
    assert _ids(es_client, index, need)[0] == "waf"


def test_a_listing_sharing_only_description_words_is_not_dropped(es_client, index_of):
    """Recall: no admission gate drops a listing that shares meaningful words with the need's full text."""
    index = index_of(
        ListingRecord(
            id="shredding", name="文書管理サービス", description="機密書類の溶解処理と保管を代行します"
        ),
        ListingRecord(id="other", name="Web診断", description="Webアプリケーションの診断"),
    )
    need = NeedRecord(
        id="n", title="紙の資料をどうにかしたい", description="機密書類を安全に処分できる業者を探しています。"
    )
    assert "shredding" in _ids(es_client, index, need)


def test_japanese_inflection_reaches_a_description_through_character_bigrams(es_client, index_of):
    index = index_of(
        ListingRecord(
            id="monitoring", name="見守りサービス", description="不審な通信を常時監視し、異常を通知"
        ),
    )
    need = NeedRecord(id="n", title="怪しい通信に気付きたい", description="不審な通信を知りたい")
    hits = engine.search_listings_for_need(es_client, index, need)
    assert [hit.id for hit in hits] == ["monitoring"]
    assert "bigrams" in hits[0].matched


def test_an_unknown_price_is_a_mild_penalty_for_a_budget_bound_need_not_a_pass(es_client, index_of):
    index = index_of(
        ListingRecord(
            id="priced", name="EDR サービス", description="エンドポイント検知・対応", price_min=30_000
        ),
        ListingRecord(id="on-request", name="EDR サービス", description="エンドポイント検知・対応"),
    )
    budget_bound = NeedRecord(id="n", title="EDRを探しています", budget_max=100_000)
    assert _ids(es_client, index, budget_bound) == [
        "priced",
        "on-request",
    ]  # still shown, below the known fit
    hits = engine.search_listings_for_need(es_client, index, budget_bound)
    assert hits[1].score < hits[0].score and hits[1].score > 0.8 * hits[0].score
    scores = {hit.id: hit.score for hit in engine.search_listings_for_need(
        es_client, index, NeedRecord(id="m", title="EDRを探しています")
    )}  # fmt: skip
    assert scores["priced"] == pytest.approx(scores["on-request"])


def test_structure_boosts_count_in_proportion_to_text_relevance(es_client, index_of):
    """A verified, local, size-matched listing that barely mentions the need stays below the one that answers it."""
    index = index_of(
        ListingRecord(
            id="answer",
            name="OT network monitoring",
            description="Passive monitoring of factory control networks, anomaly detection for PLCs",
            categories=["iot-ot-security"],
        ),
        ListingRecord(
            id="well-verified",
            name="Cyber insurance package",
            description="Insurance for small businesses, including factories",
            categories=["cyber-insurance"],
            regions=["chubu"],
            company_sizes=["small"],
            industries=["manufacturing"],
            cpsf_components=["system"],
            verification_level=5,
        ),
    )
    need = NeedRecord(
        id="n",
        title="Monitor our factory control network",
        description="We want to detect anomalies on the PLC network of our factory.",
        region="chubu",
        company_size="small",
        industry="manufacturing",
        cpsf_components=["system"],
    )
    assert _ids(es_client, index, need)[0] == "answer"


def test_a_need_naming_no_category_gets_categories_inferred_from_the_catalogue(es_client, index_of):
    """The catalogue's categorised listings teach which words go with which category (soft evidence)."""
    backup = [
        ListingRecord(
            id=f"backup-{i}",
            name=f"バックアップ {i}",
            description="データを世代管理で自動バックアップし、消えたファイルも復元できます",
            categories=["backup-recovery"],
        )
        for i in range(12)
    ]
    training = [
        ListingRecord(
            id=f"training-{i}",
            name=f"社員研修 {i}",
            description="標的型メール訓練と社員向けの研修を行います",
            categories=["training-awareness"],
        )
        for i in range(12)
    ]
    index = index_of(*backup, *training)
    need = NeedRecord(
        id="n", title="消えたファイルを元に戻したい", description="誤って削除したデータを復元したい"
    )
    ranking = engine.rank_listings_for_need(es_client, index, need)
    assert next(iter(ranking.understanding.inferred)) == "backup-recovery"
    assert 0 < ranking.understanding.inferred["backup-recovery"] <= 1
    assert ranking.understanding.source == "catalogue"
    assert all(hit.id.startswith("backup") for hit in ranking.hits[:12])


def test_the_top_ten_covers_each_part_of_a_multi_part_need(es_client, index_of):
    email = [
        ListingRecord(
            id=f"mail-{i}",
            name=f"メールセキュリティ {i}",
            description="なりすましメールを検知し、迷惑メールと標的型メールを遮断します",
            categories=["email-security"],
            vendor=f"m{i}",
        )
        for i in range(16)
    ]
    backup = [
        ListingRecord(
            id=f"backup-{i}",
            name=f"バックアップ {i}",
            description="サーバーのデータを自動でバックアップし、復元します",
            categories=["backup-recovery"],
            vendor=f"b{i}",
        )
        for i in range(6)
    ]
    index = index_of(*email, *backup)
    need = NeedRecord(
        id="n",
        title="なりすましメール対策とバックアップ",
        description="取引先になりすましメールが届き、標的型メールも心配です。迷惑メールも多いです。"
        "また、サーバーのデータのバックアップも始めたいです。",
    )
    ranking = engine.rank_listings_for_need(es_client, index, need)
    assert {part.category for part in ranking.understanding.parts} == {"email-security", "backup-recovery"}
    top = [hit.id for hit in ranking.hits[:10]]
    assert any(i.startswith("mail") for i in top) and any(i.startswith("backup") for i in top)


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
    assert str(VerificationKind.EFFECTIVENESS.label) in explanation.verification
    assert "effectiveness" not in explanation.verification  # the kind's name, never its code


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
