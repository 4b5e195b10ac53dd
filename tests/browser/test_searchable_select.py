"""The organisation filter in a real browser: typing narrows the grouped issuer list, Enter picks the first match
without submitting, and with JavaScript off the plain grouped select still records the claim."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from marketplace.models import VerificationRecord
from tests.factories import make_member, make_organisation
from tests.marketplace.factories import make_listing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def claim_page_setup():
    vendor = make_organisation(kind="vendor")
    user = make_member(vendor).user
    for n in range(30):
        make_organisation(kind="verification_body", name_ja=f"検証ラボ{n:02d}", name_en=f"Test Lab {n:02d}")
    make_organisation(kind="public_agency", name_ja="産業サイバー庁", name_en="Industrial Cyber Agency")
    listing = make_listing(vendor)
    return user, reverse("marketplace:listing_claim", args=[listing.pk])


def visible_options(page) -> list[str]:
    return page.eval_on_selector_all(
        "select[name=issuer] option", "els => els.filter(o => o.value && !o.hidden).map(o => o.textContent)"
    )


def test_typing_filters_the_issuer_list_and_enter_picks_the_first_match(page_as, claim_page_setup):
    user, url = claim_page_setup
    page = page_as(user)
    page.goto(url)
    assert len(visible_options(page)) == 31
    page.fill("input.select-filter", "cyber agency")
    expect(page.locator(".select-filter-status")).to_have_text("1 matching")
    assert visible_options(page) == ["産業サイバー庁 / Industrial Cyber Agency"]
    assert page.eval_on_selector("optgroup[label='Verification body']", "g => g.hidden") is True
    page.fill("input.select-filter", "lab 1")
    assert len(visible_options(page)) == 10
    page.press("input.select-filter", "Enter")
    assert page.url.endswith(url)  # Enter chose, it did not submit
    assert page.eval_on_selector("select[name=issuer]", "s => s.selectedOptions[0].textContent") == (
        "検証ラボ10 / Test Lab 10"
    )


def test_without_javascript_the_grouped_select_still_records_a_claim(page_as, claim_page_setup):
    user, url = claim_page_setup
    page = page_as(user, java_script_enabled=False)
    page.goto(url)
    assert page.locator("input.select-filter").count() == 0
    page.select_option("select[name=issuer]", label="産業サイバー庁 / Industrial Cyber Agency")
    page.select_option("select[name=kind]", value="registered")
    page.fill("input[name=performed_on]", "2024-05-01")
    page.fill("textarea[name=scope]", "Scope")
    page.fill("textarea[name=result_summary]", "Result")
    page.fill("input[name=evidence_url]", "https://example.org/report")
    page.get_by_role("button", name="Record the claim").click()
    page.wait_for_url(re.compile(r".*/dashboard/listings/\d+/$"))
    assert VerificationRecord.objects.get().issuer.name_en == "Industrial Cyber Agency"
