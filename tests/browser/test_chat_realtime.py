"""Two people chat in real time in two headless Chromium pages against a real daphne process (HTTP and WebSocket),
and a server crash in the middle of the conversation leaves both with the complete, ordered conversation."""

import re

import pytest
from playwright.sync_api import expect

from cpsplatform.discussions import services
from cpsplatform.discussions.models import ChannelKind, Message
from cpsplatform.organisations.models import OrganisationKind
from tests.discussions.conftest import CHAT_REDIS_URL, make_org, make_person
from tests.discussions.live import DaphneServer, layer_settings, shared_database_url

from .conftest import daphne_page, launch_chromium

pytestmark = pytest.mark.browser


@pytest.fixture
def chat_server(transactional_db, settings, tmp_path):
    """A daphne process serving the whole site on this test's database, with the Redis channel layer."""
    settings.CHANNEL_LAYERS = layer_settings(CHAT_REDIS_URL)
    with shared_database_url() as database_url:
        server = DaphneServer(database_url, CHAT_REDIS_URL, workdir=tmp_path).start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def chromium(chat_server, monkeypatch):
    with launch_chromium(monkeypatch) as browser:
        yield browser


def _bodies(page) -> list[str]:
    return page.locator("#chat-messages .chat-message .chat-body").all_inner_texts()


def _seqs(page) -> list[int]:
    return [
        int(seq)
        for seq in page.locator("#chat-messages .chat-message").evaluate_all(
            "ns => ns.map(n => n.dataset.seq)"
        )
    ]


def _send(page, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")


def test_two_people_chat_in_real_time_and_a_reconnect_fills_the_gap(chat_server, chromium):
    org = make_org(OrganisationKind.USER_COMPANY)
    alice = make_person(org, display_name="Alice")
    bob = make_person(org, display_name="Bob")
    carol = make_person(org, display_name="Carol")
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Factory IoT", created_by=alice)
    services.do_send_message(channel, carol, body="Welcome to the channel", topic="general")

    a = daphne_page(chromium, chat_server, alice)
    b = daphne_page(chromium, chat_server, bob)
    for page in (a, b):
        page.goto(f"/discussions/c/{channel.slug}/")
        expect(page.locator("#chat")).to_have_attribute("data-connection", "connected")
        expect(page.locator("#chat-messages")).to_contain_text("Welcome to the channel")

    # Real time, both ways; text is escaped and links are made safe.
    _send(a, "Hello Bob, see https://www.ipa.go.jp/security/ and <b>this</b>")
    expect(b.locator("#chat-messages")).to_contain_text("<b>this</b>")
    link = b.locator("#chat-messages a[href='https://www.ipa.go.jp/security/']")
    expect(link).to_have_attribute("rel", "noopener nofollow ugc")
    assert b.locator("#chat-messages b").count() == 0
    b.locator("#chat-input").press_sequentially("Thanks")
    expect(a.locator("#chat-typing")).to_have_text("Bob is typing…")
    b.locator("#chat-input").press("Enter")
    expect(a.locator("#chat-messages")).to_contain_text("Thanks")
    expect(a.locator("#chat-online")).to_contain_text("Bob")

    # A reply shows what it answers.
    a.locator(".chat-message", has_text="Thanks").hover()
    a.locator(".chat-message", has_text="Thanks").locator(".chat-action-reply").click()
    _send(a, "You are welcome")
    expect(
        b.locator(".chat-message", has_text="You are welcome").locator(".chat-reply-quote")
    ).to_contain_text("Bob: Thanks")

    # The server crashes mid-conversation. Meanwhile Carol posts (elsewhere) and Alice writes (queued in her page).
    chat_server.kill()
    for page in (a, b):
        expect(page.locator("#chat")).to_have_attribute("data-connection", "reconnecting")
    services.do_send_message(channel, carol, body="Posted while you were offline 1", topic="general")
    services.do_send_message(channel, carol, body="Posted while you were offline 2", topic="general")
    _send(a, "Written while the server was down")
    chat_server.start()

    for page in (a, b):
        expect(page.locator("#chat")).to_have_attribute("data-connection", "connected", timeout=30_000)
        expect(page.locator("#chat-messages")).to_contain_text(
            "Written while the server was down", timeout=30_000
        )
        expect(page.locator("#chat-messages")).to_contain_text("Posted while you were offline 2")

    stored = list(Message.objects.filter(channel=channel).order_by("seq").values_list("seq", "body"))
    assert [body for _, body in stored][-3:] == [
        "Posted while you were offline 1",
        "Posted while you were offline 2",
        "Written while the server was down",
    ]
    for page in (a, b):
        assert _seqs(page) == [seq for seq, _ in stored]  # complete, in order, nothing twice
        assert [re.sub(r"\s+", " ", text).strip() for text in _bodies(page)][
            -1
        ] == "Written while the server was down"
