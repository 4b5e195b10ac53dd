import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

MINI = Path(__file__).resolve().parent.parent / "data" / "matching-mini"
ROOT = Path(__file__).resolve().parents[2]
METRICS = {"ndcg@10", "recall@20", "mrr"}
SYSTEMS = ("engine", "bm25", "bm25_bigram")


def _run(*args, stderr=None) -> str:
    out = StringIO()
    call_command("evaluate_matching", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def _write(directory: Path, listings: list[dict], needs: list[dict], qrels: str) -> Path:
    (directory / "listings.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in listings), encoding="utf-8"
    )
    (directory / "needs.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in needs), encoding="utf-8"
    )
    (directory / "qrels.tsv").write_text(qrels, encoding="utf-8")
    return directory


def test_evaluate_matching_prints_one_json_object_and_leaves_no_index(es_client):
    result = json.loads(_run(str(MINI), "--json"))
    assert result["needs"] == 10
    for side in SYSTEMS:
        assert set(result[side]) == METRICS
        assert all(0.0 <= value <= 1.0 for value in result[side].values())
    assert result["engine"]["ndcg@10"] >= 1.15 * result["bm25"]["ndcg@10"]
    assert set(result["judged@10"]) == set(SYSTEMS)
    assert all(0.0 < share <= 1.0 for share in result["judged@10"].values())
    left = es_client.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-eval-*", allow_no_indices=True)
    assert list(left) == []


def test_evaluate_matching_prints_a_readable_table_with_both_baselines_and_subsets(es_client):
    output = _run(str(MINI))
    for word in ("nDCG@10", "engine", "bm25 ", "bm25_bigram", "engine / bm25_bigram", "cross_language"):
        assert word in output


def test_evaluate_matching_reports_subsets_by_categories_for_every_system(es_client):
    result = json.loads(_run(str(MINI), "--json"))
    needs = [json.loads(line) for line in (MINI / "needs.jsonl").read_text(encoding="utf-8").splitlines()]
    with_categories = sum(1 for need in needs if need.get("categories"))
    subsets = result["subsets"]
    assert subsets["with_categories"]["needs"] == with_categories
    assert subsets["without_categories"]["needs"] == result["needs"] - with_categories
    for name in ("with_categories", "without_categories", "cross_language", "same_language"):
        for system in SYSTEMS:
            assert set(subsets[name][system]) == METRICS | {"reach@10"}


def test_cross_language_subset_counts_only_relevant_listings_in_the_other_language(es_client, tmp_path):
    # Plain BM25 cannot cross from a Japanese need to an English listing: it scores 1 on the same-language pair
    # and 0 on the cross-language one, so the two subsets must be told apart.
    listings = [
        {
            "id": "ja",
            "name": "ファイアウォール導入支援",
            "description": "中小企業の事務所にファイアウォールを設置します。",
            "language": "ja",
        },
        {
            "id": "en",
            "name": "Managed office firewall",
            "description": "We install and run a firewall.",
            "language": "en",
        },
        {"id": "other", "name": "経理ソフト", "description": "請求書を作成します。", "language": "ja"},
    ]
    needs = [{"id": "n", "title": "事務所にファイアウォールを入れたい", "description": "", "language": "ja"}]
    _write(tmp_path, listings, needs, "n\tja\t3\nn\ten\t3\nn\tother\t0\n")
    subsets = json.loads(_run(str(tmp_path), "--json"))["subsets"]
    assert subsets["same_language"]["needs"] == subsets["cross_language"]["needs"] == 1
    assert subsets["same_language"]["bm25"]["ndcg@10"] == 1.0
    assert subsets["cross_language"]["bm25"]["ndcg@10"] == 0.0


def test_bigram_baseline_finds_japanese_words_inside_compounds(es_client, tmp_path):
    listings = [
        {"id": "hit", "name": "標的型攻撃メール訓練サービス", "description": "", "language": "ja"},
        {"id": "miss", "name": "会計ソフト導入", "description": "", "language": "ja"},
    ]
    needs = [{"id": "n", "title": "メール訓練をしたい", "description": "", "language": "ja"}]
    _write(tmp_path, listings, needs, "n\thit\t3\nn\tmiss\t0\n")
    result = json.loads(_run(str(tmp_path), "--json"))
    assert result["bm25_bigram"]["mrr"] == 1.0


def test_per_need_file_holds_the_engines_top_ten_with_grades_and_matched_clauses(es_client, tmp_path):
    path = tmp_path / "per-need.jsonl"
    result = json.loads(_run(str(MINI), "--json", "--per-need", str(path)))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == result["needs"]
    qrels = {}
    for line in (MINI / "qrels.tsv").read_text(encoding="utf-8").splitlines():
        need, listing, grade = line.split("\t")
        qrels[(need, listing)] = int(grade)
    for record in records:
        assert 1 <= len(record["ranking"]) <= 10
        assert [row["rank"] for row in record["ranking"]] == list(range(1, len(record["ranking"]) + 1))
        for row in record["ranking"]:
            assert row["grade"] == qrels.get((record["need"], row["listing"]))
            assert isinstance(row["matched"], list)
        for system in SYSTEMS:
            assert 0.0 <= record[f"{system}_ndcg@10"] <= 1.0
    assert any(row["matched"] for record in records for row in record["ranking"])
    mean = sum(record["engine_ndcg@10"] for record in records) / len(records)
    assert mean == pytest.approx(result["engine"]["ndcg@10"], abs=1e-3)


def test_per_need_into_a_missing_directory_is_refused_before_any_search(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        _run(str(MINI), "--per-need", str(tmp_path / "nope" / "per-need.jsonl"))


def test_evaluate_matching_draws_a_progress_bar_on_stderr_only(es_client):
    err = StringIO()
    output = _run(str(MINI), "--json", stderr=err)
    json.loads(output)
    assert "matching needs [" in err.getvalue()
    assert err.getvalue().rstrip().endswith("10/10")


def test_evaluate_matching_accepts_missing_optional_fields_and_nulls(es_client, tmp_path):
    listings = [
        {"id": "a", "name": "EDR サービス", "summary": None, "description": "エンドポイント検知・対応"},
        {"id": "b", "name": "Backup", "description": "offline backups", "regions": None},
    ]
    needs = [{"id": "n", "title": "endpoint detection and response", "description": "", "region": None}]
    _write(tmp_path, listings, needs, "n\ta\t3\nn\tb\t0\n")
    result = json.loads(_run(str(tmp_path), "--json"))
    assert result["needs"] == 1
    assert result["engine"]["mrr"] == 1.0


GOOD_LISTING = {"id": "a", "name": "x"}
GOOD_NEED = {"id": "n", "title": "x"}


@pytest.mark.parametrize(
    ("listing", "need", "qrels", "message"),
    [
        ({**GOOD_LISTING, "x": 1}, GOOD_NEED, "n\ta\t1\n", r"listings.jsonl:1: unknown key 'x'"),
        (
            GOOD_LISTING,
            {**GOOD_NEED, "budjet_max": 1000},
            "n\ta\t1\n",
            r"needs.jsonl:1: unknown key 'budjet_max' \(did you mean 'budget_max'\?\)",
        ),
        (
            GOOD_LISTING,
            {**GOOD_NEED, "urgent": "false"},
            "n\ta\t1\n",
            r"needs.jsonl:1: 'urgent' must be true or false",
        ),
        (
            GOOD_LISTING,
            {**GOOD_NEED, "budget_max": "300000"},
            "n\ta\t1\n",
            r"needs.jsonl:1: 'budget_max' must be a whole",
        ),
        (
            GOOD_LISTING,
            {**GOOD_NEED, "budget_max": True},
            "n\ta\t1\n",
            r"needs.jsonl:1: 'budget_max' must be a whole",
        ),
        (
            GOOD_LISTING,
            {**GOOD_NEED, "region": "kantou"},
            "n\ta\t1\n",
            r"needs.jsonl:1: 'region' has unknown value 'kantou' \(did you mean 'kanto'\?\)",
        ),
        (
            {**GOOD_LISTING, "regions": "kanto"},
            GOOD_NEED,
            "n\ta\t1\n",
            r"listings.jsonl:1: 'regions' must be a list",
        ),
        (
            {**GOOD_LISTING, "cpsf_layers": [4]},
            GOOD_NEED,
            "n\ta\t1\n",
            r"listings.jsonl:1: 'cpsf_layers' may only hold",
        ),
        (
            {**GOOD_LISTING, "verification": "audited"},
            GOOD_NEED,
            "n\ta\t1\n",
            r"listings.jsonl:1: 'verification' has unknown value",
        ),
        (
            {**GOOD_LISTING, "price_min": 5, "price_max": 1},
            GOOD_NEED,
            "n\ta\t1\n",
            r"listings.jsonl:1: 'price_min' 5 is above",
        ),
        ({"id": 7, "name": "x"}, GOOD_NEED, "n\ta\t1\n", r"listings.jsonl:1: each record needs an id"),
        (GOOD_LISTING, GOOD_NEED, "n\ta\t7\n", r"qrels.tsv:1: grade 7"),
        (GOOD_LISTING, GOOD_NEED, "n\ta\t1\nm\ta\t1\n", r"qrels.tsv:2: unknown need 'm'"),
        (GOOD_LISTING, GOOD_NEED, "n\ta\t1\nn\tb\t1\n", r"qrels.tsv:2: unknown listing 'b'"),
        (GOOD_LISTING, GOOD_NEED, "n\ta\t1\nn\ta\t2\n", r"qrels.tsv:2: the pair n / a is graded twice"),
    ],
)
def test_evaluate_matching_refuses_a_set_that_breaks_the_format(tmp_path, listing, need, qrels, message):
    _write(tmp_path, [listing], [need], qrels)
    with pytest.raises(CommandError, match=message):
        _run(str(tmp_path))


def test_evaluate_matching_names_the_line_that_is_not_json(tmp_path):
    (tmp_path / "listings.jsonl").write_text('{"id": "a", "name": "x"}\n{not json}\n', encoding="utf-8")
    (tmp_path / "needs.jsonl").write_text('{"id": "n", "title": "x"}\n', encoding="utf-8")
    (tmp_path / "qrels.tsv").write_text("n\ta\t1\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"listings.jsonl:2: not valid JSON"):
        _run(str(tmp_path))


def test_evaluate_matching_names_the_line_that_is_not_utf8(tmp_path):
    _write(tmp_path, [GOOD_LISTING], [GOOD_NEED], "n\ta\t1\n")
    (tmp_path / "needs.jsonl").write_bytes(
        b'{"id": "n", "title": "x"}\n' + '{"id": "m", "title": "工場"}\n'.encode("shift_jis")
    )
    with pytest.raises(CommandError, match=r"needs.jsonl:2: not UTF-8"):
        _run(str(tmp_path))


def test_evaluate_matching_refuses_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        _run(str(tmp_path / "nope"))


def test_a_broken_set_ends_the_command_with_a_message_and_a_non_zero_status(tmp_path):
    _write(tmp_path, [GOOD_LISTING], [{**GOOD_NEED, "urgent": "false"}], "n\ta\t1\n")
    done = subprocess.run(
        [sys.executable, "manage.py", "evaluate_matching", str(tmp_path), "--json"],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "needs.jsonl:1: 'urgent' must be true or false" in done.stderr
    assert done.stdout == ""


def test_evaluate_matching_says_so_when_the_configured_cluster_does_not_answer(settings, elasticsearch_down):
    settings.ELASTICSEARCH_MANAGED = False
    settings.ELASTICSEARCH_URL = settings.ELASTICSEARCH_HOSTS[0]
    with pytest.raises(CommandError, match="does not answer"):
        _run(str(MINI), "--json")
