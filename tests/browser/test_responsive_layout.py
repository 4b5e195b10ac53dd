"""Every main page of every role fits a phone (390 × 844) and a laptop (1366 × 768), in Japanese and English.

A page fails when it scrolls sideways (``scrollWidth > innerWidth``); at 1366 px the header fails when it takes
more than one line; at 390 px the main navigation hides behind a menu button that opens it. The data is built to
be awkward: long Japanese organisation, product and person names, long unbroken URLs, every workspace page filled.

Screenshots of every page go to ``test-artifacts/layout/<role>/`` at the repository root (git-ignored, kept after
the run so a person can look at them); each run replaces the previous run's pictures.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cpsplatform.discussions import services as discussions
from cpsplatform.discussions.messaging import do_send_message
from cpsplatform.discussions.models import ChannelKind
from cpsplatform.home.pages import ensure_home_pages
from events.models import AllocationMode, Event
from events.services.registration import do_register
from marketplace.choices import ListingStatus, RecordStatus
from search.indexes import KINDS, alias_name, ensure_indexes, get_client
from search.models import SavedSearch
from tests.factories import make_member, make_organisation, make_staff, make_user
from tests.marketplace.factories import make_introduction, make_listing, make_need, make_record
from tests.search.conftest import clean_indexes  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("isolated_media", "security_categories"),
]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "layout"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
LONG_URL = (
    "https://www.example.co.jp/products/cyber-physical-security/industrial-control-systems/" + "x" * 120
)
LONG_WORD = "ｻｲﾊﾞｰﾌｨｼﾞｶﾙｾｷｭﾘﾃｨ" * 6 + "EndpointDetectionAndResponseForOperationalTechnology" * 2


@dataclass
class Site:
    """The people and things the pages are about."""

    vendor_user: object
    buyer_user: object
    organiser_user: object
    staff: object
    listing_pk: int
    vendor_slug: str
    need_pk: int
    introduction_pk: int
    registration_pk: int
    event_pk: int
    channel_slug: str


@pytest.fixture
def site(clean_indexes) -> Site:  # noqa: F811
    ensure_home_pages()  # an earlier transactional test may have flushed the migrations' pages
    vendor = make_organisation(
        kind="vendor",
        name_ja="株式会社サイバーフィジカル・セキュリティ・ソリューションズ・ジャパン東日本事業本部",
        name_en="Cyber-Physical Security Solutions Japan, East Japan Operations Headquarters Co., Ltd.",
        website=LONG_URL[:190],
        description=f"工場とビルの制御システムを守ります。詳しくは {LONG_URL} をご覧ください。{LONG_WORD}",
        region="kanto",
    )
    vendor_user = make_member(
        vendor, role="owner", user=make_user(display_name="勅使河原 三郎左衛門之助")
    ).user
    buyer = make_organisation(
        kind="user_company",
        name_ja="グローバル精密機械製造株式会社 関東第二工場 情報システム部 セキュリティ推進グループ",
        name_en="Global Precision Machinery Manufacturing, Kanto Plant No. 2, Information Systems Security Group",
        region="kanto",
    )
    buyer_user = make_member(
        buyer, user=make_user(display_name="長谷川 由紀子（情報セキュリティ推進室長）")
    ).user
    verifier = make_organisation(
        kind="verification_body", name_ja="一般社団法人 制御システムセキュリティ検証センター"
    )
    organiser_org = make_organisation(
        kind="event_organiser", name_ja="独立行政法人 情報処理推進機構 産業サイバーセキュリティセンター"
    )
    organiser_user = make_member(organiser_org, role="admin").user
    staff = make_staff(display_name="プラットフォーム運営事務局 担当者")

    listing = make_listing(
        vendor,
        name_ja="工場向けエンドポイント検知・対応（EDR）サービス「まもるくん」プレミアム・エンタープライズ版",
        name_en="Factory Endpoint Detection and Response Service 'Mamoru-kun' Premium Enterprise Edition",
        summary_ja="中小製造業の制御ネットワークを24時間365日監視し、異常を検知したら専門家が駆けつけます。",
        description_ja=f"{LONG_WORD}\n\n導入事例: {LONG_URL}",
        website=LONG_URL[:190],
        price_min_jpy=1_200_000,
    )
    make_record(listing, issuer=verifier, status=RecordStatus.CONFIRMED, evidence_url=LONG_URL[:190])
    make_record(listing, issuer=verifier, status=RecordStatus.CLAIMED, scope=LONG_WORD)
    make_listing(
        vendor, status=ListingStatus.SUBMITTED, name_ja="審査待ちの制御システム向け侵入テスト・脆弱性診断"
    )
    need = make_need(
        buyer,
        title="工場の制御ネットワーク（PLC・SCADA・HMI）を対象にしたエンドポイント検知・対応サービスの導入相談",
        description=f"古い Windows の HMI 端末が多数あります。{LONG_WORD} 参考: {LONG_URL}",
        region="kanto",
    )
    introduction = make_introduction(listing, need)

    now = timezone.now().replace(second=0, microsecond=0)
    event = Event.objects.create(
        organiser=organiser_org,
        number=42,
        title_ja="第42回 中小企業のためのサイバーフィジカルセキュリティ・マッチングセッション（関東・オンライン併催）",
        title_en="42nd Cyber-Physical Security Matchmaking Session for Small and Medium-Sized Enterprises",
        description=f"会場とオンラインで開催します。{LONG_URL}",
        starts_at=now + timedelta(days=14),
        ends_at=now + timedelta(days=14, hours=3),
        capacity=30,
        registration_opens_at=now - timedelta(days=7),
        registration_closes_at=now + timedelta(days=13),
        allocation=AllocationMode.FIRST_COME,
        is_published=True,
        venue="東京都千代田区 情報処理推進機構 13階 大会議室",
        online_url=LONG_URL[:190],
    )
    registration = do_register(event=event, user=buyer_user, organisation=buyer)
    do_register(event=event, user=vendor_user, organisation=vendor)

    channel = discussions.do_create_channel(
        kind=ChannelKind.PUBLIC,
        name="工場セキュリティ・制御システム運用担当者の情報交換チャンネル（関東地区）",
        description="制御システムの運用と対策について話し合う場です。",
        created_by=buyer_user,
    )
    do_send_message(channel, buyer_user, body=f"はじめまして。{LONG_URL}", topic="自己紹介")
    do_send_message(channel, buyer_user, body=LONG_WORD, topic="自己紹介")

    SavedSearch.objects.create(
        user=vendor_user,
        organisation=vendor,
        name="関東の製造業のエンドポイント対策ニーズ（毎週のお知らせ）",
        query="エンドポイント",
        filters={"categories": ["endpoint-protection"], "regions": ["kanto"]},
    )
    client = get_client()
    ensure_indexes(client)
    for kind in KINDS:
        client.indices.refresh(index=alias_name(kind))
    return Site(
        vendor_user=vendor_user,
        buyer_user=buyer_user,
        organiser_user=organiser_user,
        staff=staff,
        listing_pk=listing.pk,
        vendor_slug=vendor.slug,
        need_pk=need.pk,
        introduction_pk=introduction.pk,
        registration_pk=registration.pk,
        event_pk=event.pk,
        channel_slug=channel.slug,
    )


def public_pages(site: Site) -> dict[str, str]:
    return {
        "solutions": reverse("marketplace:index"),
        "listing": reverse("marketplace:listing_detail", args=[site.listing_pk]),
        "vendor": reverse("marketplace:vendor_profile", args=[site.vendor_slug]),
        "needs": reverse("marketplace:need_list"),
        "need": reverse("marketplace:need_detail", args=[site.need_pk]),
        "register": reverse("marketplace:verification_register"),
        "sessions": reverse("events:index"),
        "session": reverse("events:detail", args=[site.event_pk]),
        "search": reverse("search:search") + "?q=エンドポイント",
    }


def member_pages() -> dict[str, str]:
    return {
        "discussions": reverse("discussions:index"),
        "registrations": reverse("events:my_registrations"),
        "saved-searches": reverse("search:saved_searches"),
        "organisations": reverse("organisations:dashboard"),
    }


def pages_for(role: str, site: Site) -> dict[str, str]:
    """The pages a person in ``role`` reaches from the header: the public ones and their workspace."""
    pages = public_pages(site)
    if role == "anonymous":
        pages.update(login=reverse("account_login"), signup=reverse("account_signup"))
        return pages
    pages.update(member_pages())
    if role == "vendor":
        pages.update(
            {
                "my-listings": reverse("marketplace:vendor_dashboard"),
                "new-listing": reverse("marketplace:listing_create"),
                "listing-edit": reverse("marketplace:listing_edit", args=[site.listing_pk]),
                "introduction": reverse("marketplace:introduction_detail", args=[site.introduction_pk]),
                "listing-needs": reverse("matching:listing_needs", args=[site.listing_pk]),
                "organisation-members": reverse("organisations:members", args=[site.vendor_slug]),
                "introductions": reverse("marketplace:introductions"),
                "channel": reverse("discussions:channel", args=[site.channel_slug]),
                "search-needs": reverse("search:search") + "?type=needs&q=制御",
            }
        )
    elif role == "buyer":
        pages.update(
            {
                "my-needs": reverse("marketplace:needs_dashboard"),
                "new-need": reverse("marketplace:need_create"),
                "registration": reverse("events:registration", args=[site.registration_pk]),
                "channel-members": reverse("discussions:members", args=[site.channel_slug]),
                "introductions": reverse("marketplace:introductions"),
                "channel": reverse("discussions:channel", args=[site.channel_slug]),
            }
        )
    elif role == "organiser":
        pages.update(
            {
                "organise": reverse("events:organiser_index"),
                "organise-session": reverse("events:dashboard", args=[site.event_pk]),
                "new-session": reverse("events:event_create"),
                "session-register": reverse("events:register", args=[site.event_pk]),
            }
        )
    elif role == "staff":
        pages.update(
            {
                "moderation": reverse("marketplace:moderation_queue"),
                "verification-queue": reverse("marketplace:verification_queue"),
                "organise": reverse("events:organiser_index"),
            }
        )
    return pages


def user_for(role: str, site: Site):
    return {
        "vendor": site.vendor_user,
        "buyer": site.buyer_user,
        "organiser": site.organiser_user,
        "staff": site.staff,
    }.get(role)


OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  // What sticks out past the window, leaving out what a scrolling box (a table's own scroller) clips.
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const beyond = [...document.querySelectorAll('body *')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width && r.right > width + 1; });
  const unclipped = beyond.filter((el) => !clipped(el));
  // Nothing unclipped: an absolutely positioned element escapes its scroller's clip; name the clipped ones then.
  const wide = (unclipped.length ? unclipped : beyond)
    .slice(0, 5)
    .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> "${el.textContent.trim().slice(0, 30)}" ends at ${Math.round(el.getBoundingClientRect().right)}`);
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide};
}"""

#: The header's visible items; on one line they share a vertical centre.
HEADER_LINES_JS = """() => {
  const items = [...document.querySelectorAll('.site-header .brand, .site-header .main-nav a, .site-header .account-nav > *')]
    .filter((el) => el.offsetParent !== null);
  const centres = items.map((el) => { const r = el.getBoundingClientRect(); return Math.round(r.top + r.height / 2); });
  return {centres, tops: items.map((el) => Math.round(el.getBoundingClientRect().top)),
          height: document.querySelector('.site-header').getBoundingClientRect().height};
}"""


def check_page(page, url: str, shot: Path, viewport: dict) -> list[str]:
    """Open ``url`` and return what is wrong with it (nothing: an empty list)."""
    response = page.goto(url)
    problems = []
    if response is None or response.status >= 400:
        return [f"{url}: HTTP {response.status if response else '?'}"]
    page.wait_for_load_state("load")
    measured = page.evaluate(OVERFLOW_JS)
    if measured["scrollWidth"] > measured["innerWidth"]:
        problems.append(
            f"{url} at {viewport['width']} px scrolls sideways: scrollWidth {measured['scrollWidth']} "
            f"> {measured['innerWidth']}; too wide: {measured['wide']}"
        )
    if viewport == LAPTOP:
        header = page.evaluate(HEADER_LINES_JS)
        if max(header["centres"]) - min(header["centres"]) > 12:
            problems.append(f"{url}: the header wraps at 1366 px (item centres {header['centres']})")
    page.screenshot(path=str(shot), full_page=True)
    return problems


ROLES = ["anonymous", "vendor", "buyer", "organiser", "staff"]


@pytest.fixture(scope="module", autouse=True)
def fresh_artifacts():
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)


@pytest.mark.parametrize("role", ROLES)
def test_every_main_page_fits_a_phone_and_a_laptop_in_both_languages(
    role, site, page_as, browser, live_server
):
    user = user_for(role, site)
    pages = pages_for(role, site)
    folder = ARTIFACTS / role
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for language, locale in (("ja", "ja-JP"), ("en", "en-US")):
        for viewport in (PHONE, LAPTOP):
            options = {"viewport": viewport, "locale": locale}
            if user is None:
                context = browser.new_context(base_url=live_server.url, **options)
                page = context.new_page()
            else:
                page = page_as(user, **options)
                context = page.context
            context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            home = "/" if language == "ja" else "/en/"
            for name, url in {"home": home, **pages}.items():
                shot = folder / f"{language}-{viewport['width']}-{name}.png"
                problems += check_page(page, url, shot, viewport)
            if user is None:
                context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_on_a_phone_the_menu_button_opens_the_navigation(language, site, page_as, live_server):
    page = page_as(site.staff, viewport=PHONE, locale="ja-JP" if language == "ja" else "en-US")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(reverse("marketplace:index"))
    header = page.get_by_role("banner")
    toggle = header.locator("button.nav-toggle")
    nav = page.get_by_role("navigation", name="メイン" if language == "ja" else "Main")
    search = nav.get_by_role("link", name="検索" if language == "ja" else "Search", exact=True)
    expect(toggle).to_be_visible()
    expect(toggle).to_have_text("メニュー" if language == "ja" else "Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(search).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    names = (
        ["ソリューション", "ニーズ", "検証済み一覧", "イベント", "ディスカッション", "検索"]
        if language == "ja"
        else ["Solutions", "Needs", "Verification register", "Sessions", "Discussions", "Search"]
    )
    for name in names:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_in_viewport()
    switch = header.locator(".lang-switch button")
    expect(switch).to_be_in_viewport()
    header.locator("details.workspace-menu > summary").click()
    expect(header.get_by_role("link", name="掲載審査" if language == "ja" else "Moderation")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"staff-{language}-390-menu-open.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.keyboard.press("Escape")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(search).to_be_hidden()


def test_without_javascript_a_phone_shows_every_link_and_no_menu_button(site, page_as):
    page = page_as(site.vendor_user, viewport=PHONE, java_script_enabled=False)
    page.goto(reverse("events:index"))
    header = page.get_by_role("banner")
    expect(header.locator("button.nav-toggle")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Solutions", "Needs", "Verification register", "Sessions", "Discussions", "Search"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(header.locator("details.workspace-menu > summary")).to_be_visible()
    expect(header.locator(".lang-switch button")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / "vendor-en-390-without-javascript.png"), full_page=True)
