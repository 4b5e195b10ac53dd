"""The outbox keeps every change while Elasticsearch is down; the sync step delivers each exactly once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from elasticsearch import ConflictError, Elasticsearch

from cpsplatform.discussions import services as discussions
from cpsplatform.discussions.models import ChannelKind
from marketplace.choices import Visibility
from marketplace.services import listings as listing_services
from marketplace.services import needs as need_services
from marketplace.services.common import send_listing_changed
from search import sync
from search.discussions_queries import search_messages
from search.documents import listing_action
from search.indexes import SearchUnavailable, alias_name, get_client
from search.models import IndexOutbox
from search.sources import listing_record
from tests.discussions.conftest import make_person
from tests.factories import make_member, make_organisation, make_staff
from tests.marketplace.factories import make_listing, make_need


@pytest.fixture
def indexing_to(settings):
    """Point the platform at a given node; the outbox is drained only when a test says so."""

    def use(url: str):
        settings.ELASTICSEARCH_HOSTS = [url]
        settings.SEARCH_SYNC_ON_COMMIT = False
        return get_client(timeout=5, retries=0)

    return use


def _documents(client, kind: str) -> dict[str, dict]:
    client.indices.refresh(index=alias_name(kind))
    response = client.search(index=alias_name(kind), query={"match_all": {}}, size=1000, version=True)
    hits = response["hits"]["hits"]
    ids = [hit["_id"] for hit in hits]
    assert len(ids) == len(set(ids)), "a document is indexed twice"
    return {hit["_id"]: hit["_source"] for hit in hits}


@pytest.mark.django_db
def test_every_change_made_while_elasticsearch_is_down_reaches_the_index_once(indexing_to, throwaway_es_node):
    client = indexing_to(throwaway_es_node.url)
    vendor = make_organisation(kind="vendor")
    vendor_user = make_member(vendor, role="owner").user
    owner = make_organisation(kind="user_company")
    owner_user = make_member(owner, role="owner").user
    staff = make_staff()
    kept, edited, removed = (
        make_listing(vendor, name_ja=f"製品{i}", name_en=f"Product {i}") for i in range(3)
    )
    need = make_need(owner, title="EDRを探しています")
    assert sync.drain(client).indexed >= 4
    assert set(_documents(client, "listings")) == {str(kept.pk), str(edited.pk), str(removed.pk)}

    removed_id = str(removed.pk)
    throwaway_es_node.stop()
    listing_services.do_update_listing(
        edited, actor=vendor_user, organisation=vendor, data={"name_en": "Managed EDR for factories"}
    )
    listing_services.do_delete_listing(removed, actor=staff)
    need_services.do_update_need(
        need,
        actor=owner_user,
        organisation=owner,
        data={"title": "工場向けEDRを探しています", "visibility": Visibility.CONFIRMED_VENDORS},
    )
    created = make_need(owner, title="Pen test for our plant")
    with pytest.raises(SearchUnavailable):
        sync.drain(client)
    assert IndexOutbox.objects.filter(kind="listings", object_id=str(edited.pk)).exists()
    assert IndexOutbox.objects.filter(kind="listings", object_id=removed_id).exists()
    assert IndexOutbox.objects.filter(kind="needs", object_id=str(created.pk)).exists()

    delays: list[float] = []

    def sleep(seconds: float) -> None:
        delays.append(seconds)
        if len(delays) == 3:
            throwaway_es_node.start()

    sync.sync_loop(
        client=client,
        idle_seconds=0,
        sleep=sleep,
        should_stop=lambda: len(delays) > 12 or (len(delays) >= 3 and not IndexOutbox.objects.exists()),
        log=lambda message: None,
    )
    assert delays[:3] == [1.0, 2.0, 4.0], "retries back off exponentially"
    assert not IndexOutbox.objects.exists()

    listings = _documents(client, "listings")
    assert set(listings) == {str(kept.pk), str(edited.pk)}
    assert "Managed EDR for factories" in listings[str(edited.pk)]["name"]
    needs = _documents(client, "needs")
    assert set(needs) == {str(need.pk), str(created.pk)}
    assert needs[str(need.pk)]["title"] == "工場向けEDRを探しています"
    assert needs[str(need.pk)]["visibility"] == "confirmed_vendors"

    # Replaying every change again changes nothing and duplicates nothing.
    with transaction.atomic():
        for listing_id in (str(kept.pk), str(edited.pk), removed_id):
            IndexOutbox.objects.create(kind="listings", object_id=listing_id)
        IndexOutbox.objects.create(kind="needs", object_id=str(need.pk))
    sync.drain(client)
    assert _documents(client, "listings") == listings
    assert _documents(client, "needs") == needs


@pytest.mark.django_db
def test_an_older_state_never_overwrites_a_newer_one(settings, clean_indexes):
    settings.SEARCH_SYNC_ON_COMMIT = False
    client = get_client()
    listing = make_listing(name_en="First name")
    sync.drain(client)
    stale = listing_record(listing)
    listing.name_en = "Second name"
    listing.save()
    send_listing_changed(listing.pk)  # what the services send with every change
    sync.drain(client)
    # A slow drainer that read the first state sends it late: the external version refuses it.
    action = listing_action(stale, alias_name("listings"))
    with pytest.raises(ConflictError):
        client.index(
            index=action["_index"],
            id=action["_id"],
            document=action["_source"],
            version=action["version"],
            version_type=action["version_type"],
        )
    assert "Second name" in _documents(client, "listings")[str(listing.pk)]["name"]


@pytest.mark.django_db
def test_a_document_elasticsearch_refuses_stays_in_the_outbox_and_does_not_block_others(
    settings, clean_indexes
):
    settings.SEARCH_SYNC_ON_COMMIT = False
    client = get_client()
    # A listings index whose mapping cannot take our documents (name as a number): every listing is refused.
    broken = f"{alias_name('listings')}-vbroken"
    client.indices.create(index=broken, mappings={"properties": {"name": {"type": "integer"}}})
    client.indices.put_alias(index=broken, name=alias_name("listings"))
    listing = make_listing(name_en="Refused")
    sync.drain(client)
    rows = IndexOutbox.objects.filter(kind="listings", object_id=str(listing.pk))
    assert rows.exists() and all(row.attempts == 1 and "name" in row.last_error for row in rows)

    need = make_need(title="Accepted")
    result = sync.drain(client, batch_size=1)
    assert result.indexed >= 1
    assert str(need.pk) in _documents(client, "needs")
    assert IndexOutbox.objects.filter(kind="listings", object_id=str(listing.pk)).exists()
    assert not IndexOutbox.objects.filter(kind="needs").exists()


# --- discussion messages: the same outbox, drain and versioning ---------------------------------------------------


@pytest.fixture
def message_node(indexing_to, throwaway_es_node, settings):
    """The throwaway node, with timeouts that let a fresh node create its first index and recover it after a
    restart on a loaded machine (these tests check delivery, not speed)."""
    indexing_to(throwaway_es_node.url)
    settings.ELASTICSEARCH_TIMEOUT = 60
    return throwaway_es_node


def _restart(node) -> Elasticsearch:
    node.start()
    client = get_client(timeout=60, retries=0)
    client.cluster.health(wait_for_status="green", timeout="60s")
    return client


def _message_hits(query: str, channel) -> list[dict]:
    get_client().indices.refresh(index=alias_name("messages"))
    return search_messages(query, [channel.pk], size=100)["hits"]


@pytest.mark.django_db
def test_a_message_change_writes_its_outbox_row_in_the_same_transaction(settings):
    settings.SEARCH_SYNC_ON_COMMIT = False
    author = make_person(make_organisation())
    channel = discussions.do_create_channel(kind=ChannelKind.PUBLIC, name="Plant", created_by=author)
    with pytest.raises(RuntimeError), transaction.atomic():
        discussions.do_send_message(channel, author, body="rolled back with its caller")
        assert IndexOutbox.objects.filter(kind="messages").count() == 1
        raise RuntimeError("the caller's transaction fails after the send")
    assert not channel.messages.exists()
    assert not IndexOutbox.objects.filter(kind="messages").exists()

    message = discussions.do_send_message(channel, author, body="kept")
    assert list(IndexOutbox.objects.filter(kind="messages").values_list("object_id", flat=True)) == [
        str(message.pk)
    ]


@pytest.mark.django_db
def test_messages_posted_and_edited_while_elasticsearch_is_down_are_found_once_it_is_back(message_node):
    client = get_client(timeout=60, retries=0)
    author = make_person(make_organisation())
    channel = discussions.do_create_channel(kind=ChannelKind.PUBLIC, name="Plant", created_by=author)
    draft = discussions.do_send_message(channel, author, body="draft wording about the gateway")
    assert sync.drain(client).indexed >= 1

    message_node.stop()
    sent = [
        discussions.do_send_message(channel, author, body=f"relay firmware note {n} from the night shift")
        for n in range(3)
    ]
    discussions.do_edit_message(draft, author, body="final relay firmware plan for the gateway")
    with pytest.raises(CommandError, match="changes wait in the outbox"):
        call_command("search_sync", stdout=StringIO())
    assert set(IndexOutbox.objects.filter(kind="messages").values_list("object_id", flat=True)) == {
        str(message.pk) for message in [*sent, draft]
    }

    client = _restart(message_node)
    out = StringIO()
    call_command("search_sync", stdout=out)
    assert "indexed 4, deleted 0, failed 0; 0 still pending" in out.getvalue()
    expected = sorted(
        [f"relay firmware note {n} from the night shift" for n in range(3)]
        + ["final relay firmware plan for the gateway"]
    )
    assert sorted(hit["body"] for hit in _message_hits("relay firmware", channel)) == expected
    assert _message_hits("draft wording", channel) == []

    # Replaying every change again duplicates nothing.
    with transaction.atomic():
        for message in [*sent, draft]:
            IndexOutbox.objects.create(kind="messages", object_id=str(message.pk))
    sync.drain(client)
    assert sorted(hit["body"] for hit in _message_hits("relay firmware", channel)) == expected


@pytest.mark.django_db
def test_messages_deleted_or_hidden_while_elasticsearch_is_down_leave_no_hit_and_no_highlight(message_node):
    client = get_client(timeout=60, retries=0)
    organisation = make_organisation()
    author, moderator = make_person(organisation), make_person(organisation)
    channel = discussions.do_create_channel(kind=ChannelKind.PUBLIC, name="Incidents", created_by=moderator)
    deleted = discussions.do_send_message(channel, author, body="ransomware story with the admin password")
    hidden = discussions.do_send_message(channel, author, body="ransomware story naming the victim plant")
    discussions.do_send_message(channel, author, body="ransomware story three")
    sync.drain(client)
    assert len(_message_hits("ransomware story", channel)) == 3

    message_node.stop()
    discussions.do_delete_message(deleted, author)
    discussions.do_hide_message(hidden, moderator, reason="Names a victim")
    with pytest.raises(SearchUnavailable):
        sync.drain(client)

    client = _restart(message_node)
    sync.drain(client)
    hits = _message_hits("ransomware story", channel)
    assert [hit["body"] for hit in hits] == ["ransomware story three"]
    assert all("password" not in (hit["highlight"] or "") for hit in hits)
    assert _message_hits("admin password", channel) == []
    assert _message_hits("victim plant", channel) == []
    for message in (deleted, hidden):
        source = client.get(index=alias_name("messages"), id=str(message.pk))["_source"]
        assert source["visible"] is False
        assert source["body"] == source["topic"] == source["sender_name"] == ""
