"""Message search through the search app's index on the real Elasticsearch node: only ever within the channels the
person may read."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from cpsplatform.discussions import services
from cpsplatform.discussions.models import ChannelKind
from cpsplatform.organisations.models import Membership
from scripts.localprocess import free_port
from search.indexes import alias_name

from .conftest import make_person
from .test_security import KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(es_client, django_capture_on_commit_callbacks):
    """Run a block whose commits index messages (the outbox is drained after each commit), then make them
    searchable."""

    class Indexed:
        def __enter__(self):
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()
            return self

        def __exit__(self, *exc):
            self.capture.__exit__(*exc)
            es_client.indices.refresh(index=alias_name("messages"))

    return Indexed


def _search(user, query: str):
    client = Client()
    client.force_login(user)
    return client.get(reverse("search:messages"), {"q": query})


def _found(response) -> list[str]:
    return [hit["body"] for hit in response.context["hits"]]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_search_finds_messages_only_in_channels_the_person_may_read(kind, indexed):
    with indexed():
        channel, insider, outsider = KINDS[kind]()
        services.do_send_message(
            channel, insider, body=f"Firmware signing keys for the {kind} project leaked"
        )
    assert _found(_search(insider, "firmware signing")) == [
        f"Firmware signing keys for the {kind} project leaked"
    ]
    response = _search(outsider, "firmware signing")
    assert response.status_code == 200 and _found(response) == []
    assert "leaked" not in response.content.decode()


def test_japanese_text_is_found_by_its_words(indexed, user_org):
    author = make_person(user_org)
    with indexed():
        channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="工場", created_by=author)
        services.do_send_message(channel, author, body="工場の制御システムの脆弱性診断について相談したいです")
        services.do_send_message(channel, author, body="来週の勉強会の資料を共有します")
    assert _found(_search(author, "脆弱性診断")) == ["工場の制御システムの脆弱性診断について相談したいです"]
    assert _found(_search(author, "資料")) == ["来週の勉強会の資料を共有します"]
    assert _found(_search(author, "暗号")) == []


def test_leaving_the_organisation_ends_search_access_at_once(indexed, vendor_org, user_org):
    seller, buyer = make_person(vendor_org), make_person(user_org)
    with indexed():
        channel = services.do_create_channel(
            kind=ChannelKind.INTRODUCTION,
            name="Intro",
            organisations=[vendor_org, user_org],
            key="introduction:5",
        )
        services.do_send_message(channel, seller, body="Our quote for the OT monitoring pilot")
    assert _found(_search(buyer, "quote pilot")) == ["Our quote for the OT monitoring pilot"]
    Membership.objects.filter(user=buyer).delete()
    assert _found(_search(buyer, "quote pilot")) == []


def test_deleted_and_hidden_messages_leave_the_index(indexed, user_org):
    author, moderator = make_person(user_org), make_person(user_org)
    with indexed():
        channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=moderator)
        one = services.do_send_message(channel, author, body="ransomware story one")
        two = services.do_send_message(channel, author, body="ransomware story two")
        services.do_send_message(channel, author, body="ransomware story three")
    with indexed():
        services.do_delete_message(one, author)
        services.do_hide_message(two, moderator, reason="Off topic")
    assert _found(_search(author, "ransomware")) == ["ransomware story three"]


def test_edits_are_searched_by_their_new_text(indexed, user_org):
    author = make_person(user_org)
    with indexed():
        channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=author)
        message = services.do_send_message(channel, author, body="draft wording")
    with indexed():
        services.do_edit_message(message, author, body="final wording about PLC hardening")
    assert _found(_search(author, "hardening")) == ["final wording about PLC hardening"]
    assert _found(_search(author, "draft")) == []


def test_a_page_beyond_the_result_window_is_refused_with_a_reason_not_an_outage(indexed, user_org):
    author = make_person(user_org)
    with indexed():
        channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=author)
        services.do_send_message(channel, author, body="firmware inventory")
    client = Client()
    client.force_login(author)
    for page in ("501", "99999999999999999999"):
        response = client.get(reverse("search:messages"), {"q": "firmware", "page": page})
        assert response.status_code == 404 and response.context["hits"] == []
        assert "narrow the search" in response.context["error"] or "絞り込" in response.context["error"]


def test_highlighted_excerpts_are_escaped(indexed, user_org):
    author = make_person(user_org)
    with indexed():
        channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=author)
        services.do_send_message(channel, author, body='<script>alert("x")</script> firmware <b>update</b>')
    html = _search(author, "firmware").content.decode()
    assert "<mark>firmware</mark>" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_search_without_elasticsearch_says_so_and_shows_nothing(user_org):
    author = make_person(user_org)
    services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=author)
    with override_settings(ELASTICSEARCH_HOSTS=[f"http://127.0.0.1:{free_port()}"]):
        response = _search(author, "anything")
    assert response.status_code == 503 and response.context["hits"] == []
    assert response.context["error"]


def test_search_page_asks_for_login(client):
    response = client.get(reverse("search:messages"), {"q": "x"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
