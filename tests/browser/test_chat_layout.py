"""The chat page's own furniture in a real browser (daphne, WebSocket): the "no messages yet" line goes away with
the first message, and the mention toast never sits on the composer or its Send button, on a phone or a laptop."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from cpsplatform.discussions import services
from cpsplatform.discussions.models import ChannelKind
from cpsplatform.organisations.models import OrganisationKind
from tests.browser.test_chat_realtime import chat_server, chromium  # noqa: F401  (fixtures)
from tests.discussions.conftest import make_org, make_person

from .conftest import daphne_page

pytestmark = pytest.mark.browser

#: Screenshots for a person to look at (git-ignored).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "chat"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def _open(page, slug: str) -> None:
    page.goto(f"/discussions/c/{slug}/")
    expect(page.locator("#chat")).to_have_attribute("data-connection", "connected")


def _send(page, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")


def _overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_the_empty_channel_line_goes_when_the_first_message_arrives(chat_server, chromium):  # noqa: F811
    org = make_org(OrganisationKind.USER_COMPANY)
    alice = make_person(org, display_name="Alice")
    bob = make_person(org, display_name="Bob")
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Quiet room", created_by=alice)
    sender = daphne_page(chromium, chat_server, alice, viewport=LAPTOP)
    reader = daphne_page(chromium, chat_server, bob, viewport=PHONE)
    for page in (sender, reader):
        _open(page, channel.slug)
        expect(page.locator("#chat-messages .chat-beginning")).to_have_text("No messages yet. Say hello!")

    _send(sender, "First!")
    for page in (sender, reader):
        expect(page.locator("#chat-messages .chat-message")).to_contain_text("First!")
        expect(page.locator("#chat-messages")).not_to_contain_text("No messages yet")
        expect(page.locator("#chat-messages .chat-beginning")).to_have_text(
            "This is the beginning of the channel."
        )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_mention_toast_leaves_the_composer_free(chat_server, chromium, viewport):  # noqa: F811
    org = make_org(OrganisationKind.VENDOR)
    alice = make_person(org, display_name="勅使河原 三郎左衛門之助（制御システム営業部）")
    bob = make_person(org, display_name="Bob")
    channel = services.do_create_channel(
        kind=ChannelKind.PUBLIC,
        name="工場セキュリティ・制御システム運用担当者の情報交換チャンネル（関東地区）",
        created_by=alice,
    )
    services.do_add_member(channel, bob)
    mentioner = daphne_page(chromium, chat_server, alice, viewport=LAPTOP)
    bob_page = daphne_page(chromium, chat_server, bob, viewport=viewport)
    _open(mentioner, channel.slug)
    _open(bob_page, channel.slug)
    # Where a person typing has it: the composer at the bottom of the window.
    bob_page.locator("#chat-composer").evaluate("c => c.scrollIntoView({block: 'end'})")

    _send(mentioner, "@**Bob** can you look at this?")
    toast = bob_page.locator(".chat-toast.mention")
    expect(toast).to_be_visible()
    expect(toast).to_contain_text("勅使河原")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    bob_page.screenshot(path=str(ARTIFACTS / f"mention-toast-{viewport['width']}.png"))
    for part in ("#chat-composer", "#chat-send", "#chat-input"):
        assert not _overlaps(toast.bounding_box(), bob_page.locator(part).bounding_box()), (
            f"the toast covers {part}"
        )
    # While the toast shows, Bob answers with the Send button itself.
    bob_page.locator("#chat-input").fill("On it")
    send_centre = bob_page.locator("#chat-send").evaluate(
        "b => { const r = b.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; }"
    )
    assert send_centre, "something lies on top of the Send button"
    bob_page.locator("#chat-send").click()
    expect(mentioner.locator("#chat-messages")).to_contain_text("On it")
