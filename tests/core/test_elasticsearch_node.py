"""The real Elasticsearch node: its version, indexes, the analysis it offers, and its lifecycle."""

import pytest
from django.conf import settings
from elastic_transport import ConnectionError as TransportConnectionError
from elasticsearch import BadRequestError, NotFoundError

from cpsplatform.elasticsearch_client import cluster_state, index_name
from scripts import elasticsearch as elasticsearch_script
from scripts.elasticsearch_node import ElasticsearchNodeError, ensure_distribution, find_java_home
from scripts.localprocess import port_is_open


def test_server_version_is_reported_through_the_client(es_client):
    state = cluster_state(es_client)

    assert state.status in ("green", "yellow")
    assert all(version.startswith("8.") for version in state.versions)
    if settings.ELASTICSEARCH_MANAGED:
        assert state.versions == (settings.ELASTICSEARCH_VERSION,)


def test_index_can_be_created_searched_and_deleted(es_client):
    name = index_name("core-smoke")
    es_client.indices.create(
        index=name,
        mappings={
            "properties": {"title": {"type": "text", "analyzer": "standard"}, "kind": {"type": "keyword"}}
        },
    )
    es_client.index(index=name, id="1", document={"title": "Factory OT anomaly detection", "kind": "vendor"})
    es_client.indices.refresh(index=name)

    hits = es_client.search(index=name, query={"match": {"title": "anomaly"}})["hits"]["hits"]
    assert [hit["_id"] for hit in hits] == ["1"]

    es_client.indices.delete(index=name)
    assert not es_client.indices.exists(index=name)


@pytest.mark.parametrize(
    ("analysis", "expected"),
    [
        ({"analyzer": "standard"}, ["plc", "firmware", "v2.1"]),
        ({"analyzer": "simple"}, ["plc", "firmware", "v"]),
        ({"analyzer": "whitespace"}, ["PLC", "Firmware", "v2.1"]),
        ({"analyzer": "keyword"}, ["PLC Firmware v2.1"]),
        ({"analyzer": "stop"}, ["plc", "firmware", "v"]),
        ({"tokenizer": "standard", "filter": ["lowercase"]}, ["plc", "firmware", "v2.1"]),
        (
            {"tokenizer": "standard", "filter": ["lowercase", {"type": "shingle", "output_unigrams": False}]},
            ["plc firmware", "firmware v2.1"],
        ),
    ],
)
def test_node_offers_the_core_analysis_features(es_client, analysis, expected):
    tokens = es_client.indices.analyze(text="PLC Firmware v2.1", **analysis)["tokens"]

    assert [token["token"] for token in tokens] == expected


def test_stop_filter_and_hunspell_filter_exist_in_core(es_client):
    tokens = es_client.indices.analyze(tokenizer="standard", filter=["stop"], text="the PLC")["tokens"]
    assert [token["token"] for token in tokens] == ["PLC"]
    # hunspell is a core filter; it fails only for want of a dictionary, not as an unknown filter type.
    with pytest.raises(BadRequestError, match="hunspell dictionary"):
        es_client.indices.analyze(
            tokenizer="standard", filter=[{"type": "hunspell", "locale": "en_US"}], text="x"
        )


def test_analysis_common_features_are_absent_from_the_distribution(throwaway_es_node):
    """Why mappings stick to the core features: the integ-test-zip node lacks these (so may a production one)."""
    client = throwaway_es_node.client()
    for analysis in [
        {"tokenizer": "ngram"},
        {"tokenizer": "keyword"},
        {"tokenizer": "standard", "filter": ["asciifolding"]},
        {"tokenizer": "standard", "filter": [{"type": "stemmer", "language": "english"}]},
        {"analyzer": "cjk"},
    ]:
        with pytest.raises(BadRequestError, match="failed to find global"):
            client.indices.analyze(text="PLC", **analysis)


def test_distribution_has_no_bundled_jdk_and_only_core_modules():
    home = ensure_distribution(settings.ELASTICSEARCH_VERSION, settings.CACHE_DIR)

    assert not (home / "jdk").exists()
    assert {p.name for p in (home / "modules").iterdir()} <= {
        "apm",
        "transport-netty4",
        "x-pack-core",
        "x-pack-security",
    }
    assert not (home / "modules" / "analysis-common").exists()
    assert not (home / "modules" / "rest-root").exists()


def test_java_home_that_is_not_a_jdk_is_refused_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("ES_JAVA_HOME", str(tmp_path))

    with pytest.raises(ElasticsearchNodeError, match="not a Java 17\\+ JDK"):
        find_java_home()


def test_java_17_or_newer_is_found_without_es_java_home(monkeypatch):
    monkeypatch.delenv("ES_JAVA_HOME", raising=False)

    assert (find_java_home() / "bin" / "java").exists()


def test_throwaway_node_can_be_stopped_and_restarted_keeping_its_data(throwaway_es_node):
    node = throwaway_es_node
    client = node.client()
    name = index_name("throwaway")
    client.indices.create(index=name)
    client.index(index=name, id="kept", document={"n": 1}, refresh=True)
    assert node.port != settings.ELASTICSEARCH_MANAGED_PORT

    assert node.stop() is True
    assert not node.is_running()
    assert not port_is_open(node.port)
    with pytest.raises(TransportConnectionError):
        node.client(max_retries=0).cluster.health()

    health = node.start()
    assert health["status"] in ("green", "yellow")
    client = node.client()
    client.cluster.health(index=name, wait_for_status="yellow", timeout="30s")
    assert client.get(index=name, id="kept")["_source"] == {"n": 1}
    with pytest.raises(NotFoundError):
        client.get(index=name, id="missing")


def test_status_command_reports_the_managed_node(capsys):
    assert elasticsearch_script.main(["status"]) == 0

    out = capsys.readouterr().out
    if settings.ELASTICSEARCH_MANAGED:
        assert "running" in out
        assert f":{settings.ELASTICSEARCH_MANAGED_PORT}" in out
    else:
        assert "managing nothing" in out
