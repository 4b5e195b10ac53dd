"""The verification promise in headless Chromium (issue 10): a self-registered "verification body" cannot raise any
listing's level until platform staff approve it, and is told so in Japanese and English; once approved, it still
cannot decide while it shares a member with the vendor; independent and approved, its confirmation counts."""

import datetime

import pytest
from django.utils import timezone

from cpsplatform.organisations.models import Membership, Organisation
from cpsplatform.taxonomy import VerificationLevel
from marketplace.choices import RecordStatus
from tests.factories import give_totp, make_member, make_organisation, make_staff, make_user
from tests.marketplace.factories import make_listing, make_record

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("isolated_media", "security_categories"),
]


@pytest.fixture
def browser_locale() -> str:
    return "en-GB"


def level(listing) -> VerificationLevel:
    listing.refresh_from_db()
    return listing.verification_level


def test_self_registered_body_cannot_verify_until_approved_nor_while_it_shares_a_member(
    browser, page_as, live_server
):
    vendor = make_organisation(kind="vendor", name_en="Promise Vendor")
    vendor_owner = make_member(vendor, role="owner").user
    listing = make_listing(vendor, name_ja="約束テスト EDR")
    prober = make_user()  # the vendor's second account, in no organisation yet
    give_totp(prober)  # it will decide claims, which takes a second factor; its pages are signed in with it
    staff = make_staff()
    base = live_server.url

    # 1. The second account registers "Probe Verification Lab" and is told at once that staff must approve it.
    probe_page = page_as(prober)
    probe_page.goto(f"{base}/organisations/new/")
    probe_page.fill("input[name=name_en]", "Probe Verification Lab")
    probe_page.select_option("select[name=kind]", "verification_body")
    probe_page.click("form.card button[type=submit]")
    notice = probe_page.wait_for_selector("[data-testid=awaiting-approval]")
    assert "awaits approval by platform staff" in notice.inner_text()
    lab = Organisation.objects.get(name_en="Probe Verification Lab")
    assert lab.awaits_staff_approval

    # ... and in Japanese too.
    probe_page_ja = page_as(prober, locale="ja-JP")
    probe_page_ja.goto(f"{base}/marketplace/verification/")
    assert "運営スタッフの承認待ち" in probe_page_ja.inner_text("[data-testid=awaiting-approval]")

    # 2. The vendor cannot name the lab as issuer: it is not offered, and a forged choice is refused.
    vendor_page = page_as(vendor_owner)
    claim_url = f"{base}/marketplace/dashboard/listings/{listing.pk}/verification/new/"
    vendor_page.goto(claim_url)
    offered = vendor_page.eval_on_selector_all("select[name=issuer] option", "els => els.map(e => e.value)")
    assert str(lab.pk) not in offered
    vendor_page.select_option("select[name=kind]", "attack")
    vendor_page.eval_on_selector(
        "select[name=issuer]",
        "(select, pk) => { select.add(new Option('Probe', pk)); select.value = pk; }",
        str(lab.pk),
    )
    vendor_page.fill(
        "input[name=performed_on]", (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    )
    vendor_page.fill("textarea[name=scope]", "本番ライン")
    vendor_page.fill("textarea[name=result_summary]", "侵入できず")
    vendor_page.fill("input[name=evidence_url]", "https://example.org/report.pdf")
    vendor_page.click("form.card button[type=submit]")
    vendor_page.wait_for_selector(".errorlist")
    assert not listing.verification_records.exists()

    # 3. A claim naming the lab that exists anyway (made before the rule, say) is not the lab's to decide.
    record = make_record(listing, lab, kind="attack")
    probe_page.goto(f"{base}/marketplace/verification/")
    assert probe_page.locator(f"a[href$='/verification/records/{record.pk}/']").count() == 0
    response = probe_page.goto(f"{base}/marketplace/verification/records/{record.pk}/")
    assert response.status == 404
    assert level(listing) < VerificationLevel.REGISTERED

    # 4. Staff approve the lab in the Wagtail admin; the notice goes away.
    staff_page = page_as(staff)
    staff_page.goto(f"{base}/cms/organisations/edit/{lab.pk}/")
    staff_page.check("input[name=confirmed_by_staff]")
    with staff_page.expect_navigation():
        staff_page.click("footer.footer button[type=submit]")
    lab.refresh_from_db()
    assert lab.confirmed_by_staff and lab.staff_confirmed_by == staff
    probe_page.goto(f"{base}/marketplace/verification/")
    assert probe_page.locator("[data-testid=awaiting-approval]").count() == 0

    # 5. Approved, but a vendor colleague is also in the lab: the lab cannot decide on the vendor's claim.
    insider = make_member(vendor).user
    make_member(lab, user=insider)
    probe_page.goto(f"{base}/marketplace/verification/")
    assert probe_page.locator(f"a[href$='/verification/records/{record.pk}/']").count() == 0
    response = probe_page.goto(f"{base}/marketplace/verification/records/{record.pk}/")
    assert response.status == 404
    record.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED
    assert level(listing) < VerificationLevel.REGISTERED
    public_page = browser.new_page()
    public_page.goto(f"{base}/marketplace/listings/{listing.pk}/")
    assert public_page.locator("[data-testid=badge-attack]").count() == 0

    # 6. Independent again (the colleague leaves the lab) and approved: now its confirmation counts.
    Membership.objects.filter(organisation=lab, user=insider).delete()
    probe_page.goto(f"{base}/marketplace/verification/")
    probe_page.click(f"a[href$='/verification/records/{record.pk}/']")
    probe_page.select_option("select[name=action]", "confirm")
    probe_page.click("form.card button[type=submit]")
    probe_page.wait_for_url(f"{base}/marketplace/verification/")
    assert level(listing) == VerificationLevel.ATTACK
    public_page.goto(f"{base}/marketplace/listings/{listing.pk}/")
    public_page.wait_for_selector("[data-testid=badge-attack]")
    public_page.close()
