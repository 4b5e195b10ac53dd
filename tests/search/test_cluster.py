"""A three-node cluster, as ``make stack`` runs it: search keeps answering with one node down, and what changed
meanwhile reaches every node once the outbox drains after the node returns."""

import pytest

from scripts.elasticsearch_node import ManagedNode, cluster, start_cluster, wait_for_members
from scripts.localprocess import ServiceError, free_port
from search import sync
from search.indexes import alias_name, get_client
from search.sync import pending
from tests.marketplace.factories import make_listing


@pytest.fixture
def three_nodes(settings):
    """Three managed nodes on free ports forming one cluster; the platform lists all three, as the stack does."""
    reference = ManagedNode.from_settings(port=free_port())
    nodes = cluster(
        [free_port() for _ in range(3)],
        [free_port() for _ in range(3)],
        reference.cache_dir,
        reference.version,
        heap="256m",
        service_user=reference.service_user,
    )
    try:
        start_cluster(nodes, timeout=900)
    except ServiceError as exc:
        for node in nodes:
            node.destroy()
        pytest.fail(f"Could not start a three-node cluster: {exc}", pytrace=False)
    settings.ELASTICSEARCH_HOSTS = [node.url for node in nodes]
    settings.ELASTICSEARCH_TIMEOUT = 60
    settings.SEARCH_SYNC_ON_COMMIT = False
    try:
        yield nodes
    finally:
        for node in nodes:
            node.destroy()


def _find(client, listing) -> list[str]:
    response = client.search(index=alias_name("listings"), query={"ids": {"values": [str(listing.pk)]}})
    return [hit["_id"] for hit in response["hits"]["hits"]]


@pytest.mark.django_db
def test_search_answers_with_a_node_down_and_the_outbox_drains_once_it_returns(three_nodes):
    first = make_listing()
    sync.drain(get_client())
    get_client().cluster.health(wait_for_status="green", timeout="120s")
    index_settings = get_client().indices.get_settings(index=alias_name("listings"), flat_settings=True)
    assert [s["settings"]["index.number_of_replicas"] for s in index_settings.values()] == ["1"]

    down = three_nodes[0]
    down.stop()
    # The remaining two elect a master if needed and promote the replica (a few seconds, during which a search may
    # be answered 503); from then on search answers with the node down.
    wait_for_members(three_nodes[1:], 2, timeout=900)
    # The web pages' client: no retry on timeouts, yet a node that refuses is skipped for the next one.
    web_client = get_client(timeout=10, retries=0)
    for _ in range(6):  # every node of the list gets its turn, the stopped one included
        assert _find(web_client, first) == [str(first.pk)]

    second = make_listing()
    assert pending() >= 1
    down.launch(wait=False)
    wait_for_members(three_nodes, 3, timeout=900)
    sync.drain(get_client())
    assert pending() == 0

    get_client().cluster.health(wait_for_status="green", timeout="120s")
    # Asked through the node that was down (it holds a copy or not: two copies of the shard on three nodes).
    returned = down.client(request_timeout=30)
    returned.indices.refresh(index=alias_name("listings"))
    found = returned.search(
        index=alias_name("listings"), query={"ids": {"values": [str(first.pk), str(second.pk)]}}
    )["hits"]["hits"]
    assert sorted(hit["_id"] for hit in found) == sorted([str(first.pk), str(second.pk)])
