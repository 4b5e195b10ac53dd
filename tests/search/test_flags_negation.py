"""Flags read from text (on-site help, incident response, 24/7, urgency) respect negation in both languages."""

import pytest

from search.documents import listing_source
from search.flags import concept_polarity, text_flags
from search.records import ListingRecord


@pytest.mark.parametrize(
    "text",
    [
        "現地への駆けつけ対応は含まれておらず、リモートでの支援のみです。",
        "オンサイト対応は対象外です。",
        "訪問サポートは行っておりません。",
        "現地対応は不要で、リモートで十分です。",
        "駆けつけ対応なしの格安プランです。",
        "現地作業を除くすべての作業をリモートで行います。",
        "On-site visits are not included in the monthly plan.",
        "Remote support only; we do not dispatch engineers.",
        "Remote-only service without on-site dispatch.",
        "All services except on-site visits are delivered online.",
        "Dispatch of engineers is not available on weekends.",
    ],
)
def test_negated_on_site_mention_sets_no_on_site_flag(text):
    flags = text_flags(text)
    assert not flags.onsite
    assert "onsite" in flags.negated


@pytest.mark.parametrize(
    "text",
    [
        "インシデント発生時は技術者が現地に駆けつけます。",
        "急ぎで現地に来てもらえないでしょうか。",
        "ご要望があれば現地に伺います。",
        "Our engineers come on-site within four hours of your call.",
        "Not only remote help but also on-site visits when needed.",
        "Incident response at no extra cost, including on-site visits.",
    ],
)
def test_stated_on_site_help_sets_the_flag(text):
    assert text_flags(text).onsite


def test_negation_stays_inside_its_clause():
    flags = text_flags("No on-site support, but our helpdesk answers 24/7.")
    assert not flags.onsite and flags.round_the_clock
    flags = text_flags("現地への駆けつけ対応は含まれておらず、24時間365日リモートで監視します。")
    assert not flags.onsite and flags.round_the_clock


def test_negated_incident_response_and_urgency_in_both_languages():
    assert not text_flags("This package does not include incident response.").incident_help
    assert not text_flags("インシデント対応は本サービスの範囲外です。").incident_help
    assert not text_flags("緊急ではないので、じっくり検討したい。").urgent
    assert not text_flags("This is not urgent; we are planning for next year.").urgent
    assert text_flags("至急、ウイルス感染の原因を調べてほしい。").urgent


def test_a_later_positive_mention_wins_over_a_negated_one():
    flags = text_flags("No on-site visits in Hokkaido. In Kanto we dispatch engineers on-site within a day.")
    assert flags.onsite
    assert "onsite" not in flags.negated


def test_polarity_reports_the_negated_concept_separately():
    polarity = concept_polarity("オンサイト対応は対象外です")
    assert "c.onsite" in polarity.negated
    assert "c.onsite" not in polarity.asserted


def test_listing_whose_text_denies_on_site_help_is_not_indexed_as_on_site():
    record = ListingRecord(
        id="remote-ir",
        name="リモート初動対応サービス",
        description="現地への駆けつけ対応は含まれておらず、リモートでの支援のみです。",
        categories=["incident-response"],
    )
    assert listing_source(record)["onsite"] is False


def test_listing_that_offers_on_site_help_in_its_text_is_indexed_as_on_site():
    record = ListingRecord(
        id="onsite-ir", name="駆けつけ対応", description="技術者が現地に駆けつけ、復旧まで支援します。"
    )
    source = listing_source(record)
    assert source["onsite"] is True


def test_delivery_model_still_sets_on_site_whatever_the_text_says():
    record = ListingRecord(id="x", name="Remote triage", delivery_models=["on_site"])
    assert listing_source(record)["onsite"] is True
