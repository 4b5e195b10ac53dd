"""The marketplace end to end in headless Chromium: a vendor lists a solution with an image and a verification
claim, staff publish it, the verification body confirms, the badge appears; a user posts a need and the vendor
proposes to it."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image

from marketplace.models import Introduction, Need, SolutionListing
from tests.factories import give_totp, make_member, make_organisation, make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("isolated_media", "security_categories"),
]


@pytest.fixture
def browser_locale() -> str:
    return "en-GB"


def png_file() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "teal").save(buffer, format="PNG")
    return {"name": "screenshot.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_listing_verified_end_to_end_and_need_gets_a_proposal(browser, page_as, live_server):
    vendor = make_organisation(kind="vendor", name_ja="ブラウザテスト・セキュリティ株式会社")
    vendor_user = make_member(vendor, role="owner").user
    verifier = make_organisation(kind="verification_body", name_ja="ブラウザ検証センター")
    verifier_user = make_member(verifier).user
    give_totp(verifier_user)  # deciding a claim takes a second factor
    user_org = make_organisation(kind="user_company", name_ja="ブラウザ製造株式会社", region="kanto")
    user_member = make_member(user_org).user
    staff = make_staff()
    base = live_server.url + "/marketplace"

    # 1. The vendor creates a listing.
    vendor_page = page_as(vendor_user)
    vendor_page.goto(f"{base}/dashboard/listings/new/")
    vendor_page.fill("input[name=name_ja]", "ブラウザ EDR")
    vendor_page.fill("input[name=summary_ja]", "中小企業向けの EDR です")
    vendor_page.check("input[name=categories][value=endpoint-protection]")
    vendor_page.check("input[name=regions][value=kanto]")
    vendor_page.click("form.card button[type=submit]")
    vendor_page.wait_for_selector("[data-testid=listing-status]")
    listing = SolutionListing.objects.get(vendor=vendor)

    # ... with an image,
    vendor_page.goto(f"{base}/dashboard/listings/{listing.pk}/images/")
    vendor_page.set_input_files("input[name=image]", png_file())
    vendor_page.fill("input[name=alt_text]", "管理画面")
    vendor_page.click("form.card button[type=submit]")
    vendor_page.wait_for_selector("figure img")
    assert listing.images.count() == 1

    # ... and a verification claim, then submits it for review.
    vendor_page.goto(f"{base}/dashboard/listings/{listing.pk}/verification/new/")
    vendor_page.select_option("select[name=kind]", "effectiveness")
    vendor_page.select_option("select[name=issuer]", str(verifier.pk))
    vendor_page.fill(
        "input[name=performed_on]", (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    )
    vendor_page.fill("textarea[name=scope]", "検知性能")
    vendor_page.fill("textarea[name=result_summary]", "検知率 97%")
    vendor_page.fill("input[name=evidence_url]", "https://example.org/report.pdf")
    vendor_page.click("form.card button[type=submit]")
    vendor_page.wait_for_selector("[data-testid=listing-status]")
    vendor_page.click("form[action$='/submit/'] button")
    vendor_page.wait_for_selector("text=Submitted for review")
    listing.refresh_from_db()
    assert listing.status == "submitted"

    # 2. Staff publish it.
    staff_page = page_as(staff)
    staff_page.goto(f"{base}/moderation/")
    staff_page.click(f"a[href$='/moderation/listings/{listing.pk}/']")
    staff_page.select_option("select[name=action]", "publish")
    staff_page.click("form.card button[type=submit]")
    staff_page.wait_for_url(f"{base}/moderation/")
    listing.refresh_from_db()
    assert listing.status == "published"

    # No badge yet: the record is only claimed.
    public_page = browser.new_page()
    public_page.goto(f"{base}/listings/{listing.pk}/")
    assert public_page.locator("[data-testid=badge-effectiveness]").count() == 0

    # 3. The verification body confirms the claim.
    verifier_page = page_as(verifier_user)
    verifier_page.goto(f"{base}/verification/")
    verifier_page.click("table a")
    verifier_page.select_option("select[name=action]", "confirm")
    verifier_page.click("form.card button[type=submit]")
    verifier_page.wait_for_url(f"{base}/verification/")

    # 4. The badge appears, on the listing and in the register.
    public_page.goto(f"{base}/listings/{listing.pk}/")
    public_page.wait_for_selector("[data-testid=badge-effectiveness]")
    assert public_page.locator("img[alt='管理画面']").count() == 1
    public_page.goto(f"{base}/verified/")
    assert public_page.locator("text=ブラウザ EDR").count() >= 1

    # 5. A user posts a need ...
    user_page = page_as(user_member)
    user_page.goto(f"{base}/dashboard/needs/new/")
    user_page.select_option("select[name=need_type]", "service")
    user_page.fill("input[name=title]", "PC の不審な動きを検知したい")
    user_page.fill("textarea[name=description]", "従業員 40 名の工場です。")
    user_page.click("form.card button[type=submit]")
    user_page.wait_for_selector("h1:has-text('PC の不審な動きを検知したい')")
    need = Need.objects.get(owner=user_org)

    # ... and the vendor proposes its listing to it.
    vendor_page.goto(f"{base}/needs/{need.pk}/")
    vendor_page.click(f"a[href$='/needs/{need.pk}/propose/']")
    vendor_page.select_option("select[name=listing]", str(listing.pk))
    vendor_page.fill("textarea[name=reason]", "EDR で検知できます")
    vendor_page.click("form.card button[type=submit]")
    vendor_page.wait_for_url(f"{base}/introductions/")
    introduction = Introduction.objects.get()
    assert (introduction.from_org, introduction.to_org, introduction.need) == (vendor, user_org, need)

    # The user sees it in the inbox and accepts; contacts appear.
    user_page.goto(f"{base}/introductions/{introduction.pk}/")
    user_page.click("button[value=accept]")
    user_page.wait_for_selector("[data-testid=contacts]")
    assert vendor_user.email in user_page.content()
