"""``train_ranker``: cross-validated by need against the hand weights, writes a model the engine then uses, and
never reads held-out data."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from elasticsearch.helpers import bulk

from matching import engine, ranker
from search.documents import listing_action
from search.indexes import create_index, delete_indexes, temporary_name
from search.records import ListingRecord, NeedRecord

MINI = Path(__file__).resolve().parent.parent / "data" / "matching-mini"


def _train(*args) -> dict:
    out = StringIO()
    call_command("train_ranker", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_train_ranker_reports_cross_validation_and_writes_a_model_the_engine_loads(es_client, tmp_path):
    model = tmp_path / "ranker.json"
    report = _train(str(MINI), "--folds", "2", "--output", str(model), "--force")
    assert report["needs"] == 10 and report["folds"] == 2
    assert 0 <= report["cv_ndcg@10"] <= 1 and 0 <= report["hand_ndcg@10"] <= 1
    assert report["written"] == str(model)
    loaded = ranker.load(model)
    assert loaded is not None and loaded.features == engine.FEATURES
    assert loaded.meta["cv_ndcg@10"] == report["cv_ndcg@10"]
    left = es_client.indices.get(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-train-*", allow_no_indices=True
    )
    assert list(left) == []


def test_the_engine_ranks_with_an_installed_model_and_falls_back_to_hand_weights(
    es_client, tmp_path, settings
):
    model = tmp_path / "ranker.json"
    _train(str(MINI), "--folds", "2", "--output", str(model), "--force")
    index = temporary_name("ranker", "listings")
    create_index(es_client, "listings", index)
    try:
        bulk(
            es_client,
            [
                listing_action(
                    ListingRecord(id="edr", name="EDR サービス", description="エンドポイント検知"), index
                ),
                listing_action(
                    ListingRecord(id="waf", name="WAF", description="Webアプリケーション防御"), index
                ),
            ],
            refresh=True,
        )
        need = NeedRecord(id="n", title="EDRを導入したい")
        settings.MATCHING_RANKER_PATH = str(tmp_path / "missing.json")
        assert ranker.installed_ranker() is None
        hand = engine.search_listings_for_need(es_client, index, need)
        settings.MATCHING_RANKER_PATH = str(model)
        assert ranker.installed_ranker() is not None
        learned = engine.search_listings_for_need(es_client, index, need)
    finally:
        delete_indexes(es_client, [index])
    assert [hit.id for hit in hand][:1] == ["edr"] and {hit.id for hit in learned} == {hit.id for hit in hand}


def test_a_model_for_other_features_is_refused(tmp_path):
    path = tmp_path / "ranker.json"
    path.write_text(
        json.dumps({"features": ["something-else"], "meta": {}, "model": "tree"}), encoding="utf-8"
    )
    assert ranker.load(path) is None


def test_train_ranker_refuses_held_out_data(es_client, tmp_path):
    holdout = tmp_path / "matching-holdout"
    shutil.copytree(MINI, holdout)
    with pytest.raises(CommandError, match="held-out"):
        _train(str(holdout), "--folds", "2", "--output", str(tmp_path / "m.json"))
    assert not (tmp_path / "m.json").exists()
