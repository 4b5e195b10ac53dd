"""The dictionary bridge between Japanese and English search terms, and associations learned from bilingual text."""

import pytest

from search.analysis import analyse
from search.bridge import (
    BridgeError,
    bridge_table,
    bridge_terms,
    learn_associations,
    parse_bridge,
    translate_terms,
)


def test_japanese_symptom_reaches_the_english_product_term():
    need = bridge_terms("アカウントが乗っ取られたかもしれない")
    listing = analyse("Account takeover protection for Microsoft 365").terms
    assert set(need) & set(listing)


def test_english_word_reaches_the_japanese_term_of_a_listing():
    need = bridge_terms("We found counterfeit parts in our supply")
    listing = analyse("偽物の部品の混入を防ぐ真贋判定サービス").terms
    assert set(need) & set(listing)


def test_translate_terms_goes_both_ways_and_skips_terms_of_the_target_language():
    assert "monitor" in translate_terms(["監視"], "en")
    english = translate_terms(["監視", "monitor", "偽物"], "en")
    assert "monitor" not in english  # the text already has it
    assert english and all(term.isascii() for term in english)
    japanese = translate_terms(["monitor"], "ja")
    assert "監視" in japanese or "モニタリング" in japanese
    assert all(not term.isascii() for term in japanese)


def test_unknown_target_language_is_a_clear_error():
    with pytest.raises(ValueError, match="target_lang"):
        translate_terms(["監視"], "fr")


def test_every_table_row_uses_the_analysers_own_terms():
    table = bridge_table()
    assert len(table.ja_to_en) > 500
    for japanese, english in list(table.ja_to_en.items())[:300]:
        assert not japanese.isascii()
        assert japanese in analyse(japanese).terms
        for stem in english:
            assert stem.isascii() and " " not in stem


def test_malformed_bridge_line_is_named():
    with pytest.raises(BridgeError, match="line 3"):
        parse_bridge("# header\n監視\tmonitor\n壊れた行\n")
    with pytest.raises(BridgeError, match="line 2.*twice"):
        parse_bridge("監視\tmonitor\n監視\tsurveil\n")


BILINGUAL_LISTINGS = [
    (
        "制御盤の遠隔保守を安全にするゲートウェイ",
        "A gateway that secures remote maintenance of control panels",
    ),
    ("制御盤のログを収集して異常を検知します", "Collects control panel logs and detects anomalies"),
    ("遠隔保守用の回線を暗号化します", "Encrypts the line used for remote maintenance"),
    ("工場の制御盤を一台ずつ点検します", "We inspect every control panel in the plant"),
    ("社員教育の教材を提供します", "Training material for employees"),
]


def test_associations_are_learned_from_listings_written_in_both_languages():
    learned = learn_associations(BILINGUAL_LISTINGS, min_documents=2, min_dice=0.5)
    assert "panel" in learned.get("制御盤", ())
    assert "制御盤" in learned.get("panel", ())
    assert "制御盤" in translate_terms(["panel"], "ja", learned=learned)


def test_associations_need_repeated_evidence():
    learned = learn_associations(BILINGUAL_LISTINGS, min_documents=2, min_dice=0.5)
    assert "教材" not in learned  # seen in one listing only
    assert learn_associations([("", "English only"), ("日本語のみ", "")]) == {}
