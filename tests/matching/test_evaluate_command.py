import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

MINI = Path(__file__).resolve().parent.parent / "data" / "matching-mini"


def _run(*args) -> str:
    out = StringIO()
    call_command("evaluate_matching", *args, stdout=out)
    return out.getvalue()


def test_evaluate_matching_prints_one_json_object_and_leaves_no_index(es_client):
    result = json.loads(_run(str(MINI), "--json"))
    assert result["needs"] == 10
    for side in ("engine", "bm25"):
        assert set(result[side]) == {"ndcg@10", "recall@20", "mrr"}
        assert all(0.0 <= value <= 1.0 for value in result[side].values())
    assert result["engine"]["ndcg@10"] >= 1.15 * result["bm25"]["ndcg@10"]
    left = es_client.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-eval-*", allow_no_indices=True)
    assert list(left) == []


def test_evaluate_matching_prints_a_readable_table(es_client):
    output = _run(str(MINI))
    assert "nDCG@10" in output and "engine" in output and "bm25" in output


def test_evaluate_matching_ignores_extra_fields_and_missing_ones(es_client, tmp_path):
    (tmp_path / "listings.jsonl").write_text(
        json.dumps(
            {
                "id": "a",
                "name": "EDR サービス",
                "summary": None,
                "description": "エンドポイント検知・対応",
                "x": 1,
            }
        )
        + "\n"
        + json.dumps({"id": "b", "name": "Backup", "description": "offline backups", "regions": None})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "needs.jsonl").write_text(
        json.dumps({"id": "n", "title": "endpoint detection and response", "description": "", "region": None})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "qrels.tsv").write_text("n\ta\t3\nn\tb\t0\n", encoding="utf-8")
    result = json.loads(_run(str(tmp_path), "--json"))
    assert result["needs"] == 1
    assert result["engine"]["mrr"] == 1.0


def test_evaluate_matching_names_the_bad_line(tmp_path):
    (tmp_path / "listings.jsonl").write_text('{"id": "a", "name": "x"}\n{not json}\n', encoding="utf-8")
    (tmp_path / "needs.jsonl").write_text('{"id": "n", "title": "x"}\n', encoding="utf-8")
    (tmp_path / "qrels.tsv").write_text("n\ta\t1\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"listings.jsonl:2"):
        _run(str(tmp_path))


def test_evaluate_matching_refuses_a_bad_grade(tmp_path):
    (tmp_path / "listings.jsonl").write_text('{"id": "a", "name": "x"}\n', encoding="utf-8")
    (tmp_path / "needs.jsonl").write_text('{"id": "n", "title": "x"}\n', encoding="utf-8")
    (tmp_path / "qrels.tsv").write_text("n\ta\t7\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"qrels.tsv:1"):
        _run(str(tmp_path))


def test_evaluate_matching_refuses_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        _run(str(tmp_path / "nope"))


def test_evaluate_matching_says_so_when_the_configured_cluster_does_not_answer(settings, elasticsearch_down):
    settings.ELASTICSEARCH_MANAGED = False
    settings.ELASTICSEARCH_URL = settings.ELASTICSEARCH_HOSTS[0]
    with pytest.raises(CommandError, match="does not answer"):
        _run(str(MINI), "--json")
