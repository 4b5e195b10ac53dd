from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from marketplace.choices import Visibility
from matching.models import MatchFeedback
from tests.factories import client_for, make_member, make_organisation
from tests.marketplace.factories import make_listing, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(sync_now):
    vendor = make_organisation(kind="vendor", name_en="Sakura Secure")
    edr = make_listing(
        vendor,
        name_ja="中小企業向けEDRサービス",
        name_en="",
        summary_ja="エンドポイント検知・対応を月額で提供",
        regions=["kanto"],
        price_min_jpy=30_000,
        categories=["endpoint-protection"],
        cpsf_components=["things"],
    )
    make_listing(
        make_organisation(kind="vendor"), name_ja="サイバー保険", name_en="", categories=["cyber-insurance"]
    )
    owner = make_organisation()
    need = make_need(
        owner,
        title="Endpoint detection and response for our office PCs",
        description="We are a small company in Kanto.",
        region="kanto",
        budget_max_jpy=100_000,
        language="en",
    )
    sync_now()
    return {"vendor": vendor, "edr": edr, "owner": owner, "need": need}


def test_a_need_page_recommends_solutions_with_explanations(market):
    member = make_member(market["owner"]).user
    response = client_for(member).get(reverse("matching:need_recommendations", args=[market["need"].pk]))
    assert response.status_code == 200
    suggestions = response.context["recommendations"].suggestions
    assert suggestions[0].id == str(market["edr"].pk)
    body = response.content.decode()
    assert "中小企業向けEDRサービス" in body
    assert "<mark>" in body
    assert "地域" in body and "検証" in body


def test_feedback_is_stored_shown_and_exported_as_judgements(market):
    member = make_member(market["owner"]).user
    client = client_for(member)
    url = reverse("matching:feedback", args=[market["need"].pk])
    response = client.post(url, {"listing": market["edr"].pk, "useful": "1", "rank": "1", "score": "3.5"})
    assert response.status_code == 302
    feedback = MatchFeedback.objects.get()
    assert feedback.useful and feedback.rank == 1 and feedback.user == member
    client.post(url, {"listing": market["edr"].pk, "useful": "0", "rank": "1"})
    assert MatchFeedback.objects.get().useful is False  # changed, not duplicated
    out = StringIO()
    call_command("export_judgements", stdout=out)
    assert out.getvalue() == f"{market['need'].pk}\t{market['edr'].pk}\t0\n"


def test_feedback_returns_to_the_rated_suggestion_not_the_page_top(market):
    client = client_for(make_member(market["owner"]).user)
    page_url = reverse("matching:need_recommendations", args=[market["need"].pk])
    response = client.post(
        reverse("matching:feedback", args=[market["need"].pk]), {"listing": market["edr"].pk, "useful": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_url}#suggestion-{market['edr'].pk}"
    page = client.get(page_url).content.decode()
    assert f'id="suggestion-{market["edr"].pk}"' in page


def test_feedback_with_bad_input_is_refused_with_a_message_and_stores_nothing(market):
    client = client_for(make_member(market["owner"]).user)
    url = reverse("matching:feedback", args=[market["need"].pk])
    response = client.post(url, {"listing": "not-a-number", "useful": "maybe"}, follow=True)
    assert "フィードバックを読み取れませんでした" in response.content.decode()
    response = client.post(url, {"listing": 999_999, "useful": "1"}, follow=True)
    assert "その提案はもう存在しません" in response.content.decode()
    assert not MatchFeedback.objects.exists()


def test_judgement_grades_follow_the_votes():
    from matching.services import judgement_grade

    assert judgement_grade(0, 3) == 0
    assert judgement_grade(1, 0) == 2
    assert judgement_grade(2, 0) == 3
    assert judgement_grade(2, 1) == 2
    assert judgement_grade(1, 1) == 1


def test_needs_that_fit_a_listing_are_only_those_the_vendor_may_see(market, sync_now):
    other = make_organisation()
    hidden = make_need(
        other, title="EDR for a hidden plant", visibility=Visibility.INVITE_ONLY, region="kanto"
    )
    for_confirmed = make_need(
        other, title="EDR for confirmed vendors", visibility=Visibility.CONFIRMED_VENDORS
    )
    invited = make_need(
        other, title="EDR: invited vendor only", visibility=Visibility.INVITE_ONLY, invited=[market["vendor"]]
    )
    sync_now()
    vendor_user = make_member(market["vendor"]).user
    response = client_for(vendor_user).get(reverse("matching:listing_needs", args=[market["edr"].pk]))
    assert response.status_code == 200
    ids = {s.id for s in response.context["recommendations"].suggestions}
    assert str(market["need"].pk) in ids
    assert str(invited.pk) in ids
    assert str(hidden.pk) not in ids and str(for_confirmed.pk) not in ids
    assert hidden.title not in response.content.decode()


def test_matching_pages_render_when_elasticsearch_is_down(market, elasticsearch_down):
    member = make_member(market["owner"]).user
    response = client_for(member).get(reverse("matching:need_recommendations", args=[market["need"].pk]))
    assert response.status_code == 200
    assert "検索は一時的に利用できません" in response.content.decode()
    vendor_user = make_member(market["vendor"]).user
    response = client_for(vendor_user).get(reverse("matching:listing_needs", args=[market["edr"].pk]))
    assert response.status_code == 200
    assert "検索は一時的に利用できません" in response.content.decode()
    english = client_for(vendor_user)
    english.cookies["django_language"] = "en"
    response = english.get(
        reverse("matching:listing_needs", args=[market["edr"].pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "temporarily unavailable" in response.content.decode()


def test_staff_see_feedback_in_the_wagtail_admin(market):
    from tests.factories import make_staff

    member = make_member(market["owner"]).user
    client_for(member).post(
        reverse("matching:feedback", args=[market["need"].pk]), {"listing": market["edr"].pk, "useful": "1"}
    )
    staff = client_for(make_staff())
    response = staff.get("/cms/match_feedback/")
    assert response.status_code == 200
    assert market["need"].title in response.content.decode()
    assert client_for(member).get("/cms/match_feedback/").status_code in (302, 403)


def test_recommendations_follow_a_listing_published_after_the_page_was_seen(market, sync_now):
    """The ranking is reused between views, but a change to the listings index makes the next view fresh."""
    client = client_for(make_member(market["owner"]).user)
    url = reverse("matching:need_recommendations", args=[market["need"].pk])
    before = {s.id for s in client.get(url).context["recommendations"].suggestions}
    newcomer = make_listing(
        make_organisation(kind="vendor"),
        name_ja="",
        name_en="Endpoint detection and response for small offices",
        summary_en="EDR for office PCs",
        categories=["endpoint-protection"],
    )
    sync_now()
    after = {s.id for s in client.get(url).context["recommendations"].suggestions}
    assert str(newcomer.pk) not in before
    assert str(newcomer.pk) in after


def test_each_reader_sees_their_own_feedback_on_shared_recommendations(market):
    url = reverse("matching:need_recommendations", args=[market["need"].pk])
    rater = client_for(make_member(market["owner"]).user)
    colleague = client_for(make_member(market["owner"]).user)
    colleague.get(url)  # the ranking is now computed and kept
    rater.post(
        reverse("matching:feedback", args=[market["need"].pk]), {"listing": market["edr"].pk, "useful": "1"}
    )
    mine = {s.id: s.feedback for s in rater.get(url).context["recommendations"].suggestions}
    theirs = {s.id: s.feedback for s in colleague.get(url).context["recommendations"].suggestions}
    assert mine[str(market["edr"].pk)] is True
    assert theirs[str(market["edr"].pk)] is None


def test_recommendations_are_computed_afresh_when_the_cache_cannot_be_reached(market, settings, caplog):
    from matching.services import recommend_for_need
    from search.freshness import index_changed

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers there
        }
    }
    index_changed("listings")  # a drain's bookkeeping must not fail either
    recommendations = recommend_for_need(market["need"])
    assert not recommendations.unavailable
    assert recommendations.suggestions[0].id == str(market["edr"].pk)
    assert "the cache cannot be read" in caplog.text
