"""The matchmaking loop a person feels, in two headless Chromium pages against a real daphne process (HTTP and
WebSocket): a vendor proposes → the buyer's bell shows 1 live, without a reload → the buyer accepts → the vendor's
bell updates live and an e-mail goes out → the notification leads into the pair's channel, which opens."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cpsplatform.discussions.models import Channel
from cpsplatform.organisations.models import OrganisationKind
from marketplace.models import Introduction
from scripts.localprocess import free_port
from tests.discussions.conftest import CHAT_REDIS_URL
from tests.discussions.live import DaphneServer, layer_settings, shared_database_url
from tests.factories import make_member, make_organisation, make_user
from tests.marketplace.factories import make_listing, make_need

from .conftest import TIMEOUT_MS, daphne_page, launch_chromium

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("security_categories")]


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def site(transactional_db, settings, tmp_path, mail_dir, monkeypatch):
    """A daphne process serving the whole site on this test's database, the Redis channel layer, its mails written
    to files (another process: no locmem outbox) and ``SITE_URL`` naming its own port, as ``make run`` does."""
    settings.CHANNEL_LAYERS = layer_settings(CHAT_REDIS_URL)
    port = free_port()
    monkeypatch.setenv("EMAIL_URL", f"file://{mail_dir}")
    monkeypatch.setenv("SITE_URL", f"http://127.0.0.1:{port}")
    with shared_database_url() as database_url:
        server = DaphneServer(database_url, CHAT_REDIS_URL, port=port, workdir=tmp_path).start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def chromium(site, monkeypatch):
    with launch_chromium(monkeypatch) as browser:
        yield browser


def open_with_live_bell(page, path: str) -> None:
    page.goto(path)
    expect(page.locator("[data-notification-bell]")).to_have_attribute("data-live", "1")
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads


def mails_to(mail_dir: Path, address: str) -> list[str]:
    return [text for f in sorted(mail_dir.iterdir()) if address in (text := f.read_text(errors="replace"))]


def wait_for_mail(mail_dir: Path, address: str, needle: str) -> str:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        for text in mails_to(mail_dir, address):
            if needle in text:
                return text
        time.sleep(0.1)
    raise AssertionError(f"no mail to {address} containing {needle!r}: {mails_to(mail_dir, address)}")


def test_proposal_acceptance_loop_is_live_mailed_and_leads_into_the_pairs_channel(site, chromium, mail_dir):
    vendor = make_organisation(
        kind=OrganisationKind.VENDOR, name_en="Loop Security", name_ja="ループセキュリティ"
    )
    vendor_user = make_member(vendor, role="owner", user=make_user(preferred_language="en")).user
    buyer_org = make_organisation(
        kind=OrganisationKind.USER_COMPANY, name_en="Loop Factory", name_ja="ループ工業"
    )
    buyer = make_member(buyer_org, user=make_user(preferred_language="en")).user
    listing = make_listing(vendor, name_en="Loop EDR", name_ja="ループEDR")
    need = make_need(buyer_org, title="工場のPCを守りたい")

    vendor_page = daphne_page(chromium, site, vendor_user)
    buyer_page = daphne_page(chromium, site, buyer)
    open_with_live_bell(buyer_page, "/marketplace/")
    buyer_bell = buyer_page.locator("[data-notification-count]")
    expect(buyer_bell).to_be_hidden()

    # The vendor proposes its listing to the need.
    vendor_page.goto(f"/marketplace/needs/{need.pk}/propose/")
    vendor_page.select_option("select[name=listing]", str(listing.pk))
    vendor_page.fill("textarea[name=reason]", "EDR detects what you worry about")
    vendor_page.click("form.card button[type=submit]")
    vendor_page.wait_for_url(re.compile(r"/marketplace/introductions/$"))
    introduction = Introduction.objects.get()

    # The buyer's bell shows it live, on the page already open.
    expect(buyer_bell).to_have_text("1")
    expect(buyer_bell).to_be_visible()
    assert buyer_page.evaluate("window.__sameDocument === true")

    # The vendor waits on another page; the buyer follows the notification and accepts.
    open_with_live_bell(vendor_page, "/marketplace/")
    vendor_bell = vendor_page.locator("[data-notification-count]")
    expect(vendor_bell).to_be_hidden()
    buyer_page.click("[data-notification-bell]")
    buyer_page.click(".notification-item.unread .notification-link")
    buyer_page.wait_for_url(re.compile(rf"/marketplace/introductions/{introduction.pk}/$"))
    expect(buyer_page.locator("[data-notification-count]")).to_be_hidden()  # reading it cleared the bell
    buyer_page.click("button[value=accept]")
    buyer_page.wait_for_selector("[data-testid=contacts]")

    # The vendor's bell updates live, and an e-mail with a working link on this very site goes out.
    expect(vendor_bell).to_have_text("1")
    assert vendor_page.evaluate("window.__sameDocument === true")
    channel = Channel.objects.get(key=f"introduction:{introduction.pk}")
    channel_url = f"{site.origin}/discussions/c/{channel.slug}/"
    text = wait_for_mail(mail_dir, vendor_user.email, "ループ工業 accepted the introduction about Loop EDR")
    assert channel_url in text
    assert f"{site.origin}/notifications/unsubscribe/" in text

    # The notification leads into the pair's channel, and the chat there connects.
    vendor_page.click("[data-notification-bell]")
    vendor_page.click(".notification-item.unread .notification-link")
    vendor_page.wait_for_url(channel_url)
    expect(vendor_page.locator("#chat")).to_have_attribute("data-connection", "connected")
    # The buyer's introduction page links to the same channel.
    buyer_page.reload()
    buyer_page.click("[data-testid=introduction-channel]")
    buyer_page.wait_for_url(channel_url)
    expect(buyer_page.locator("#chat")).to_have_attribute("data-connection", "connected")
