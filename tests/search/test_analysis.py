import pytest

from matching import engine
from search.analysis import analyse, normalise, stem_english, tokenize
from search.documents import listing_action
from search.indexes import create_index, delete_indexes, temporary_name
from search.records import ListingRecord, NeedRecord


def test_japanese_compound_and_particle_phrase_share_terms_and_concept():
    compound = analyse("脆弱性診断")
    phrase = analyse("脆弱性の診断サービス")
    assert {"脆弱", "性", "診断"} <= set(phrase.terms)
    assert set(compound.terms) - {"脆弱性診断"} <= set(phrase.terms)
    assert "c.vulnassess" in compound.concepts
    assert "c.vulnassess" in phrase.concepts


def test_pen_test_and_penetration_testing_and_japanese_share_one_concept():
    for text in ("pen test", "Penetration testing", "pentest", "ペネトレーションテスト", "侵入テスト"):
        assert "c.pentest" in analyse(text).concepts, text


def test_english_stemming_keeps_acronyms():
    assert stem_english("monitoring") == "monitor"
    assert stem_english("ics") == "ics"
    assert stem_english("ids") == "ids"
    assert [t.term for t in tokenize("Assessments of the SCADA networks")] == ["assess", "scada", "network"]


def test_nfkc_folds_full_width_and_case():
    assert normalise("ＥＤＲ導入") == "edr導入"
    assert "c.edr" in analyse("ＥＤＲ導入").concepts


def test_offsets_point_into_the_normalised_text():
    text = "工場のＯＴネットワーク監視"
    normalised = normalise(text)
    for token in tokenize(text):
        assert normalised[token.start : token.end]


def test_glossary_bridges_english_and_japanese_security_terms():
    pairs = [
        ("EDR", "エンドポイント検知・対応"),
        ("UTM appliance", "統合脅威管理"),
        ("SOC", "セキュリティ監視センター"),
        ("OT/ICS", "制御システム"),
        ("PUF", "物理複製困難関数"),
        ("vulnerability assessment", "脆弱性診断"),
    ]
    for english, japanese in pairs:
        shared = set(analyse(english).concepts) & set(analyse(japanese).concepts)
        assert shared, (english, japanese)


@pytest.fixture
def small_index(es_client):
    index = temporary_name("analysis", "listings")
    create_index(es_client, "listings", index)
    records = [
        ListingRecord(
            id="vuln", name="Webサイト脆弱性の診断サービス", description="ツールと手動で診断します。"
        ),
        ListingRecord(
            id="pentest", name="Penetration testing for web applications", description="Ethical hackers."
        ),
        ListingRecord(id="backup", name="バックアップ", description="ランサムウェア対策のバックアップ"),
        ListingRecord(id="training", name="Security awareness training", description="For staff."),
    ]
    from elasticsearch.helpers import bulk

    bulk(es_client, [listing_action(record, index) for record in records], refresh=True)
    yield index
    delete_indexes(es_client, [index])


def _found(es_client, index, words: str) -> list[str]:
    need = NeedRecord(id="q", title=words)
    return [hit.id for hit in engine.run(es_client, index, engine.listing_query(need), size=5)]


def test_elasticsearch_finds_split_japanese_phrase_for_compound_query(es_client, small_index):
    assert _found(es_client, small_index, "脆弱性診断")[0] == "vuln"


def test_elasticsearch_finds_penetration_testing_for_pen_test(es_client, small_index):
    assert _found(es_client, small_index, "pen test")[0] == "pentest"


def test_english_query_finds_japanese_listing_through_the_glossary(es_client, small_index):
    assert _found(es_client, small_index, "vulnerability assessment of our website")[0] == "vuln"
