"""Recommendations render truthfully in the browser, in English and Japanese: the explanation of a known need is
read from the page and each claim (✔ / ✘ / ?) is checked against the need and the listing."""

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.models import SecurityCategory
from matching import services
from search.sources import listing_record, listings_queryset, need_record, needs_queryset
from tests.factories import make_member, make_organisation
from tests.marketplace.factories import make_listing, make_need
from tests.matching.truth import claim_errors, raw_codes_in
from tests.search.conftest import clean_indexes, sync_now  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("security_categories"),
]

MARKS = {"met": "✔", "missed": "✘", "unknown": "?"}


@pytest.fixture
def known_need(sync_now):  # noqa: F811 - the shared fixture, imported above
    """A web-assessment need with two fitting listings and one IoT listing that shares only words."""
    web = make_listing(
        make_organisation(kind="vendor"),
        name_ja="Webアプリケーション脆弱性診断",
        name_en="Web application vulnerability assessment",
        summary_ja="ECサイトの脆弱性を専門家が診断します",
        categories=["web-security", "vulnerability-assessment"],
        regions=["kanto"],
        price_min_jpy=300_000,
        cpsf_components=["system"],
    )
    iot = make_listing(
        make_organisation(kind="vendor"),
        name_ja="IoT機器の脆弱性診断",
        name_en="IoT device vulnerability assessment",
        summary_ja="IoT機器とファームウェアの脆弱性を診断します",
        categories=["iot-ot-security"],
        regions=["nationwide"],
        cpsf_components=["things"],
    )
    owner = make_organisation(kind="user_company")
    need = make_need(
        owner,
        title="ECサイトの脆弱性診断をお願いしたい",
        description="ネットショップを運営しています。Webアプリケーションの脆弱性を診断してほしいです。",
        region="kanto",
        budget_max_jpy=1_000_000,
        cpsf_components=["system", "data"],
        language="ja",
    )
    need.categories.set(
        SecurityCategory.objects.filter(slug__in=["web-security", "vulnerability-assessment"])
    )
    sync_now()
    return {"need": need, "owner": owner, "listings": {str(web.pk): web, str(iot.pk): iot}}


@pytest.mark.parametrize(("browser_locale", "language"), [("en-US", "en"), ("ja-JP", "ja")])
def test_each_claim_of_a_known_needs_recommendations_is_true_in_the_browser(
    page_as, live_server, known_need, language
):
    need = known_need["need"]
    page = page_as(make_member(known_need["owner"]).user)
    page.goto(reverse("matching:need_recommendations", args=[need.pk]))
    cards = page.locator("article.suggestion")
    assert cards.count() == 2

    record = need_record(needs_queryset().get(pk=need.pk))
    with translation.override(language):
        recommendations = services.recommend_for_need(need, size=10)
    expected = {suggestion.id: suggestion for suggestion in recommendations.suggestions}
    seen = set()
    for i in range(cards.count()):
        card = cards.nth(i)
        suggestion_id = card.get_attribute("id").removeprefix("suggestion-")
        suggestion = expected[suggestion_id]
        listing = listing_record(listings_queryset().get(pk=int(suggestion_id)))
        # The claims on the page are the explanation's claims, every one of them true of the records.
        shown = [item.inner_text() for item in card.locator("li.criterion").all()]
        assert len(shown) == len(suggestion.explanation.criteria)
        for text, criterion in zip(shown, suggestion.explanation.criteria, strict=True):
            assert text.startswith(MARKS[criterion.status]) and criterion.label in text
            assert " ".join(criterion.detail.split()) in " ".join(text.split())
        with translation.override(language):
            assert not claim_errors(record, listing, suggestion.explanation, recommendations.understanding)
        criteria = {c.key: c.status for c in suggestion.explanation.criteria}
        assert criteria["category"] == ("met" if "web-security" in listing.categories else "missed")
        text = card.inner_text()
        assert not raw_codes_in(text.replace(card.locator("h3").inner_text(), ""), japanese=language == "ja")
        seen.add(suggestion_id)
    assert seen == set(known_need["listings"])
    # The category the IoT listing is filed under is never claimed as met for this need.
    iot = next(i for i, listing in known_need["listings"].items() if "IoT" in listing.name_en)
    iot_card = page.locator(f"#suggestion-{iot}")
    for item in iot_card.locator("li.criterion.met").all():
        assert "IoT" not in item.inner_text()
