from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from cpsplatform.discussions import services as discussions
from cpsplatform.discussions.models import ChannelKind
from marketplace.choices import Visibility
from search.discussions_queries import search_messages
from search.indexes import alias_name, create_index, get_client, indexes_behind, new_version_name
from search.models import IndexOutbox, SavedSearch
from tests.factories import client_for, make_member, make_organisation
from tests.marketplace.factories import make_listing, make_need

pytestmark = pytest.mark.django_db


def test_reindex_builds_a_new_version_swaps_the_alias_and_drops_the_old(sync_now):
    listings = [make_listing(name_en=f"Offer {n}") for n in range(3)]
    make_need(title="EDR")
    sync_now()
    client = get_client()
    before = indexes_behind(client, alias_name("listings"))
    out = StringIO()
    call_command("search_reindex", stdout=out)
    after = indexes_behind(client, alias_name("listings"))
    assert len(before) == 1 and len(after) == 1 and before != after
    assert not client.indices.exists(index=before[0])
    client.indices.refresh(index=alias_name("listings"))
    assert client.count(index=alias_name("listings"))["count"] == len(listings)
    assert client.count(index=alias_name("needs"))["count"] == 1
    assert "[##############################] 3/3" in out.getvalue()


def test_reindex_refuses_an_unknown_index_and_changes_nothing(sync_now):
    with pytest.raises(CommandError, match="Unknown index"):
        call_command("search_reindex", "people")


def test_search_sync_delivers_the_outbox_and_reports_when_elasticsearch_is_down(sync_now, elasticsearch_down):
    make_listing(name_en="Offer")
    assert IndexOutbox.objects.exists()
    with pytest.raises(CommandError, match="changes wait in the outbox"):
        call_command("search_sync")
    assert IndexOutbox.objects.exists()
    elasticsearch_down.up()
    out = StringIO()
    call_command("search_sync", stdout=out)
    assert "0 still pending" in out.getvalue()


def test_a_vendor_saves_a_search_and_gets_new_fitting_needs_by_email(sync_now):
    vendor = make_organisation(kind="vendor")
    user = make_member(vendor).user
    client = client_for(user)
    response = client.post(
        reverse("search:saved_searches"),
        {"q": "EDR", "region": ["kanto"], "frequency": "weekly", "name": "EDR in Kanto"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert saved.filters["regions"] == ["kanto"] and saved.organisation == vendor

    owner = make_organisation()
    make_need(owner, title="EDRを導入したい", region="kanto")
    make_need(owner, title="EDR for our hidden plant", region="kanto", visibility=Visibility.INVITE_ONLY)
    make_need(owner, title="EDR in Hokkaido", region="hokkaido")
    sync_now()
    out = StringIO()
    call_command("send_search_digests", "--force", stdout=out)
    assert "digests sent: 1" in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.body.startswith(f"{user.display_name} さん")  # greeted by public name, in Japanese
    assert "EDRを導入したい" in message.body
    assert "hidden plant" not in message.body and "Hokkaido" not in message.body

    call_command("send_search_digests", stdout=StringIO())
    assert len(mail.outbox) == 1  # not due again, and nothing new


def test_digests_wait_while_elasticsearch_is_down(sync_now, elasticsearch_down):
    user = make_member(make_organisation(kind="vendor")).user
    saved = SavedSearch.objects.create(user=user, name="x", query="EDR", last_sent_at=timezone.now())
    out = StringIO()
    call_command("send_search_digests", "--force", stdout=out)
    assert "deferred (search down): 1" in out.getvalue()
    saved.refresh_from_db()
    assert len(mail.outbox) == 0


def test_a_bad_saved_search_is_refused_with_messages_and_a_saved_search_can_be_deleted(sync_now):
    user = make_member(make_organisation(kind="vendor")).user
    client = client_for(user)
    response = client.post(reverse("search:saved_searches"), {"q": "EDR", "frequency": "hourly"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode() and not SavedSearch.objects.exists()
    saved = SavedSearch.objects.create(user=user, name="mine")
    other = make_member(make_organisation()).user
    assert client_for(other).post(reverse("search:saved_search_delete", args=[saved.pk])).status_code == 404
    assert client.post(reverse("search:saved_search_delete", args=[saved.pk])).status_code == 302
    assert not SavedSearch.objects.exists()


def test_staff_see_the_search_sync_queue_in_the_wagtail_admin(settings):
    from tests.factories import make_staff

    settings.SEARCH_SYNC_ON_COMMIT = False
    make_listing(name_en="Waiting")
    response = client_for(make_staff()).get("/cms/search_outbox/")
    assert response.status_code == 200
    assert "listings" in response.content.decode()


def test_reindex_messages_rebuilds_the_message_index_from_the_database_and_swaps_its_alias(sync_now):
    organisation = make_organisation()
    author, moderator = make_member(organisation).user, make_member(organisation).user
    channel = discussions.do_create_channel(kind=ChannelKind.PUBLIC, name="Plant", created_by=moderator)
    kept = discussions.do_send_message(channel, author, body="PLC hardening checklist for line 3")
    hidden = discussions.do_send_message(channel, author, body="PLC hardening notes naming the supplier")
    discussions.do_hide_message(hidden, moderator, reason="Names a supplier")
    sync_now()
    client = get_client()
    listings_before = indexes_behind(client, alias_name("listings"))
    before = indexes_behind(client, alias_name("messages"))
    # The index loses its documents (a restored snapshot, a node rebuilt empty): only the database knows them.
    for message in (kept, hidden):
        client.delete(index=alias_name("messages"), id=str(message.pk), refresh=True)
    assert search_messages("PLC hardening", [channel.pk])["total"] == 0

    out = StringIO()
    call_command("search_reindex", "messages", "--no-progress", stdout=out)
    after = indexes_behind(client, alias_name("messages"))
    assert len(before) == 1 and len(after) == 1 and before != after
    assert not client.indices.exists(index=before[0])
    assert f"messages: 2 documents in {after[0]}" in out.getvalue()
    assert indexes_behind(client, alias_name("listings")) == listings_before
    client.indices.refresh(index=alias_name("messages"))
    found = search_messages("PLC hardening", [channel.pk])
    assert [hit["body"] for hit in found["hits"]] == [kept.body]
    assert search_messages("supplier", [channel.pk])["total"] == 0


def test_reindex_removes_the_half_built_index_an_interrupted_run_left_behind(sync_now):
    make_listing(name_en="Offer")
    sync_now()
    client = get_client()
    # An earlier run was killed while loading: its new version exists, the alias never pointed at it.
    orphan = create_index(client, "listings", new_version_name("listings"))
    client.index(index=orphan, id="half", document={"object_id": "half"}, refresh=True)
    # A build that started after this run (another run's index in progress) is not this run's to remove.
    later = create_index(client, "listings", f"{alias_name('listings')}-v99991231235959999999")

    out = StringIO()
    call_command("search_reindex", "listings", "--no-progress", stdout=out)
    assert not client.indices.exists(index=orphan)
    assert orphan in out.getvalue()
    served = indexes_behind(client, alias_name("listings"))
    assert len(served) == 1 and served[0] not in (orphan, later) and served[0] > orphan
    assert client.indices.exists(index=later)
    client.indices.refresh(index=alias_name("listings"))
    assert client.count(index=alias_name("listings"))["count"] == 1
