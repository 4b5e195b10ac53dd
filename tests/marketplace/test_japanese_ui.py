"""The marketplace speaks Japanese by default and English on request, and its committed catalogues are complete.

Japanese is ``LANGUAGE_CODE``; application pages follow the language cookie (set by ``/i18n/setlang/``).
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from marketplace.choices import DeliveryModel, Language, PriceUnit
from marketplace.services import listings as listing_services
from scripts import messages
from tests.factories import client_for, make_staff

from .factories import make_listing, make_record

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MARKETPLACE_PO = messages.catalogue("marketplace")


def page(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def assert_japanese(html: str, japanese: list[str], english: list[str]) -> None:
    assert '<html lang="ja">' in html
    for text in japanese:
        assert text in html, f"missing Japanese text {text!r}"
    for text in english:
        assert text not in html, f"English text {text!r} on a Japanese page"


def assert_english(html: str, english: list[str], japanese: list[str]) -> None:
    assert '<html lang="en">' in html
    for text in english:
        assert text in html, f"missing English text {text!r}"
    for text in japanese:
        assert text not in html, f"Japanese text {text!r} on an English page"


# --- pages ----------------------------------------------------------------------------------------------------

BROWSE_JA = [
    "セキュリティソリューション",
    "絞り込む",
    "検証済み一覧",  # the site header's link to the verification register
    "CPSF の構成要素",
    "確認済みかつ有効期限内",
]
BROWSE_EN = [
    "Security solutions",
    "Filter",
    "Verification register",
    "CPSF component",
    "Nobody can pay for a badge",
]


def test_browse_page_is_japanese_by_default(client):
    listing = make_listing(name_ja="工場向け異常検知", name_en="Factory anomaly detection")
    html = page(client, "marketplace:index")
    assert_japanese(html, [*BROWSE_JA, "工場向け異常検知"], [*BROWSE_EN, "Factory anomaly detection"])
    assert listing.name_ja in html


def test_language_switch_turns_the_browse_page_english_and_back(client):
    make_listing(name_ja="工場向け異常検知", name_en="Factory anomaly detection")
    switched = client.post(reverse("set_language"), {"language": "en", "next": reverse("marketplace:index")})
    assert switched.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = page(client, "marketplace:index")
    assert_english(html, [*BROWSE_EN, "Factory anomaly detection"], [*BROWSE_JA, "工場向け異常検知"])

    client.post(reverse("set_language"), {"language": "ja", "next": reverse("marketplace:index")})
    assert_japanese(page(client, "marketplace:index"), BROWSE_JA, BROWSE_EN)


def detail_listing():
    listing = make_listing(
        delivery_models=[DeliveryModel.CLOUD, DeliveryModel.ON_PREMISES],
        languages=[Language.JA, Language.EN],
        price_min_jpy=50000,
        price_max_jpy=300000,
        price_unit=PriceUnit.MONTHLY,
    )
    make_record(listing, status="confirmed", kind="effectiveness")
    return listing


def test_listing_detail_is_japanese_by_default(client):
    listing = detail_listing()
    html = page(client, "marketplace:listing_detail", listing.pk)
    assert_japanese(
        html,
        [
            "<dt>対応地域</dt>",
            "<dt>提供形態</dt>",
            # multi-valued vocabularies are shown as labels, joined the Japanese way
            "クラウド／SaaS、オンプレミス",
            "日本語、英語",
            "検証機関による有効性検証",
            "根拠資料",
            "¥50,000 – ¥300,000 (月額)",
        ],
        [
            "Regions served",
            "<dt>Delivery</dt>",
            "Cloud / SaaS",
            "on_premises",
            "Effectiveness test by a verification body",
            "per month",
        ],
    )


def test_listing_detail_is_english_with_the_language_cookie(client):
    listing = detail_listing()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client, "marketplace:listing_detail", listing.pk)
    assert_english(
        html,
        [
            "Regions served",
            "Cloud / SaaS, On-premises",
            "Japanese, English",
            "Effectiveness test by a verification body",
            "¥50,000 – ¥300,000 (per month)",
        ],
        ["対応地域", "クラウド／SaaS", "検証機関による有効性検証", "月額"],
    )


def vendor_listings(vendor, vendor_user):
    make_listing(vendor, name_ja="公開中の製品")
    make_listing(vendor, status="submitted", name_ja="審査中の製品")
    return listing_services.do_create_listing(
        vendor=vendor, actor=vendor_user, data={"name_ja": "下書きの製品", "regions": ["kanto"]}
    )


def test_vendor_dashboard_and_listing_form_are_japanese_by_default(vendor, vendor_user):
    draft = vendor_listings(vendor, vendor_user)
    client = client_for(vendor_user)
    assert_japanese(
        page(client, "marketplace:vendor_dashboard"),
        [
            "自社ソリューション",
            "ソリューションを掲載する",
            "公開中",
            "審査待ち",
            "下書き",
            "ステータス",
            "管理",
        ],
        ["My listings", "Add a solution", "Published", "Submitted for review", "Draft", "Manage"],
    )
    assert_japanese(
        page(client, "marketplace:listing_edit", draft.pk),
        ["審査を申請する", "変更履歴", "· 作成 ·", "名称（日本語）", "対応地域"],
        ["Submit for review", "Revision history", "marketplace.listing.created", "Regions served"],
    )


def test_vendor_dashboard_is_english_with_the_language_cookie(vendor, vendor_user):
    draft = vendor_listings(vendor, vendor_user)
    client = client_for(vendor_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert_english(
        page(client, "marketplace:vendor_dashboard"),
        ["My listings", "Add a solution", "Published", "Submitted for review", "Draft"],
        ["自社ソリューション", "ソリューションを掲載する", "公開中", "審査待ち"],
    )
    assert_english(
        page(client, "marketplace:listing_edit", draft.pk),
        ["Submit for review", "Revision history", "· Created ·", "Regions served"],
        ["審査を申請する", "変更履歴", "marketplace.listing.created"],
    )


def test_form_and_constraint_errors_are_japanese(vendor_user):
    client = client_for(vendor_user)
    url = reverse("marketplace:listing_create")
    inverted = {"name_ja": "製品", "price_min_jpy": "5000", "price_max_jpy": "100"}
    html = client.post(url, inverted).content.decode()
    assert "以下のエラーを修正してください。" in html
    assert "上限額は下限額以上にしてください。" in html
    assert "Please correct the errors below." not in html

    # A model constraint speaks the user's language too, never its own name.
    html = client.post(url, {"name_ja": "", "name_en": ""}).content.decode()
    assert "ソリューション名を日本語または英語で入力してください。" in html
    assert "listing_has_a_name" not in html


# --- catalogues -----------------------------------------------------------------------------------------------


def committed_catalogues() -> list[Path]:
    """Every Japanese catalogue in the project's own packages (never the virtualenv's)."""
    found = []
    for top in sorted(ROOT.iterdir()):
        if top.is_dir() and not top.name.startswith(".") and top.name not in {"node_modules", "var"}:
            found.extend(sorted(top.glob("**/locale/ja/LC_MESSAGES/django.po")))
    return found


def po_entries(path: Path) -> list[dict]:
    """The live entries of a .po file (header first) as {"flags", "msgctxt", "msgid", "msgstr"...}, unquoted.

    Obsolete entries (``#~``) are left out. Entries need not be separated by blank lines.
    """
    entries: list[dict] = []
    keyword = ""

    def current(starting: bool) -> dict:
        if starting and (not entries or any(key.startswith("msgstr") for key in entries[-1])):
            entries.append({"flags": set(), "msgctxt": None})
        return entries[-1]

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#~"):
            continue
        if line.startswith("#"):
            entry = current(starting=True)
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith('"'):
            current(starting=False)[keyword] += ast.literal_eval(line)
        else:
            keyword, _, quoted = line.partition(" ")
            current(starting=keyword in ("msgctxt", "msgid"))[keyword] = ast.literal_eval(quoted)
    return entries


PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sd]|\{[A-Za-z_]\w*\}")


def test_there_is_a_marketplace_catalogue():
    assert MARKETPLACE_PO in committed_catalogues()


@pytest.mark.parametrize("po", committed_catalogues(), ids=lambda path: str(path.relative_to(ROOT)))
def test_catalogue_is_fully_translated_and_keeps_placeholders(po: Path):
    entries = po_entries(po)
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "Language: ja" in header["msgstr"]
    assert "nplurals=1; plural=0;" in header["msgstr"]
    assert "fuzzy" not in header["flags"]
    assert messages
    problems = []
    for entry in messages:
        label = (entry["msgctxt"], entry["msgid"])
        if "fuzzy" in entry["flags"]:
            problems.append(("fuzzy", label))
        plural_forms = [key for key in entry if key.startswith("msgstr[")]
        if "msgid_plural" in entry:
            assert plural_forms == ["msgstr[0]"], (label, "nplurals=1 has exactly one form")
            translations = [entry["msgstr[0]"]]
        else:
            translations = [entry["msgstr"]]
        for translation in translations:
            if not translation.strip():
                problems.append(("empty", label))
            elif sorted(PLACEHOLDER.findall(entry["msgid"])) != sorted(PLACEHOLDER.findall(translation)):
                problems.append(("placeholders differ", label, translation))
    assert problems == []


@pytest.mark.parametrize("po", committed_catalogues(), ids=lambda path: str(path.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po: Path, tmp_path):
    assert shutil.which("msgfmt"), "msgfmt is missing: apt-get install gettext"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], check=True, capture_output=True)
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} is not compiled"
    with fresh.open("rb") as new, committed.open("rb") as old:
        assert gettext.GNUTranslations(old)._catalog == gettext.GNUTranslations(new)._catalog, (
            f"{committed} is stale: recompile it from {po.name} (python -m scripts.messages {po.parents[3].name} does)"
        )


def test_marketplace_catalogue_has_every_translatable_string(tmp_path):
    """What makemessages would collect from the app and templates/marketplace/ is all in the catalogue."""
    collected = messages.collect("marketplace", tmp_path / "tree")
    wanted = {(e["msgctxt"], e["msgid"]) for e in po_entries(collected)[1:]}
    committed = {(e["msgctxt"], e["msgid"]) for e in po_entries(MARKETPLACE_PO)[1:]}
    assert wanted, "makemessages found no strings"
    assert sorted(wanted - committed, key=str) == [], (
        "run python -m scripts.messages marketplace and translate"
    )
    assert sorted(committed - wanted, key=str) == [], (
        "obsolete entries: run python -m scripts.messages marketplace"
    )


def test_staff_edits_in_a_listing_history_are_credited_to_the_platform_not_to_a_person(vendor, vendor_user):
    draft = vendor_listings(vendor, vendor_user)
    listing_services.do_admin_save_listing(draft, actor=make_staff(display_name="Yamada Taro"), created=False)
    client = client_for(vendor_user)
    html = page(client, "marketplace:listing_edit", draft.pk)
    assert "事務局が編集 · 事務局" in html and "Yamada Taro" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client, "marketplace:listing_edit", draft.pk)
    assert "Edited by platform staff · Platform staff" in html and "Yamada Taro" not in html
