"""The apps' pages lead to each other: a need's page shows its recommendations (to the need's organisation only),
a listing's page leads its vendor to the needs that fit, browse pages lead to the search, and an event's page
leads a confirmed participant to the people to meet."""

import pytest
from django.urls import reverse

from events.models import RegistrationStatus
from events.services import registration as registration_service
from tests.events.conftest import make_event
from tests.factories import make_member, make_organisation, make_staff
from tests.marketplace.factories import make_listing, make_need

from .conftest import english_client_for

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
        categories=["endpoint-protection"],
    )
    owner = make_organisation()
    need = make_need(
        owner,
        title="Endpoint detection and response for our office PCs",
        description="We are a small company in Kanto.",
        region="kanto",
        language="en",
    )
    sync_now()
    return {"vendor": vendor, "edr": edr, "owner": owner, "need": need}


def page(user, url_name: str, *args) -> str:
    response = english_client_for(user).get(reverse(url_name, args=args))
    assert response.status_code == 200
    return response.content.decode()


# --- a need's page and its recommendations ---------------------------------------------------------------------


def test_the_need_page_shows_its_organisation_the_recommendations_with_explanations(market):
    html = page(make_member(market["owner"]).user, "marketplace:need_detail", market["need"].pk)
    assert 'id="matching-recommendations"' in html
    assert "中小企業向けEDRサービス" in html
    assert reverse("marketplace:listing_detail", args=[market["edr"].pk]) in html
    assert "<mark>" in html  # the explanation highlights the words that matched
    assert reverse("matching:need_recommendations", args=[market["need"].pk]) in html
    assert reverse("matching:feedback", args=[market["need"].pk]) in html


@pytest.mark.parametrize("viewer", ["anonymous", "vendor", "other_user_company"])
def test_the_need_page_shows_no_recommendations_to_others(market, viewer):
    user = {
        "anonymous": None,
        "vendor": make_member(market["vendor"]).user,
        "other_user_company": make_member(make_organisation()).user,
    }[viewer]
    html = page(user, "marketplace:need_detail", market["need"].pk)
    assert market["need"].title in html  # a public need: everyone sees the need itself
    assert 'id="matching-recommendations"' not in html
    assert "中小企業向けEDRサービス" not in html
    assert reverse("matching:need_recommendations", args=[market["need"].pk]) not in html


def test_platform_staff_see_the_recommendations_too(market):
    html = page(make_staff(), "marketplace:need_detail", market["need"].pk)
    assert "中小企業向けEDRサービス" in html


def test_the_need_page_still_renders_when_elasticsearch_is_down(market, elasticsearch_down):
    html = page(make_member(market["owner"]).user, "marketplace:need_detail", market["need"].pk)
    assert market["need"].title in html
    assert "Search is temporarily unavailable" in html


def test_a_closed_need_shows_no_recommendations(market):
    from marketplace.choices import NeedStatus
    from marketplace.models import Need

    Need.objects.filter(pk=market["need"].pk).update(status=NeedStatus.CLOSED)
    html = page(make_member(market["owner"]).user, "marketplace:need_detail", market["need"].pk)
    assert 'id="matching-recommendations"' not in html


# --- a listing's page and the needs that fit -------------------------------------------------------------------


def test_the_listing_page_leads_the_vendors_members_to_the_needs_that_fit(market):
    url = reverse("matching:listing_needs", args=[market["edr"].pk])
    member = make_member(market["vendor"]).user
    html = page(member, "marketplace:listing_detail", market["edr"].pk)
    assert url in html
    # ... and the link works: the need is there, explained.
    client = english_client_for(member)
    response = client.get(url)
    assert response.status_code == 200
    assert market["need"].title in response.content.decode()


@pytest.mark.parametrize("viewer", ["anonymous", "other_vendor", "need_owner"])
def test_the_listing_page_shows_no_needs_link_to_others(market, viewer):
    user = {
        "anonymous": None,
        "other_vendor": make_member(make_organisation(kind="vendor")).user,
        "need_owner": make_member(market["owner"]).user,
    }[viewer]
    html = page(user, "marketplace:listing_detail", market["edr"].pk)
    assert reverse("matching:listing_needs", args=[market["edr"].pk]) not in html


# --- browse pages and the search ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [("marketplace:index", "listings"), ("marketplace:need_list", "needs"), ("events:index", "events")],
)
def test_browse_pages_lead_to_the_full_text_search(url_name, kind, security_categories):
    html = page(None, url_name)
    assert f'action="{reverse("search:search")}"' in html
    assert f'name="type" value="{kind}"' in html


def test_the_search_box_of_a_browse_page_finds_what_it_promises(market, english_client):
    response = english_client.get(reverse("search:search"), {"type": "listings", "q": "EDR"})
    html = response.content.decode()
    assert reverse("marketplace:listing_detail", args=[market["edr"].pk]) in html
    assert "中小企業向け<mark>EDR</mark>サービス" in html


# --- an event's page and the people to meet -------------------------------------------------------------------


@pytest.fixture
def session(db):
    return make_event(capacity=1, meetup_capacity=1)


def register(event, user, organisation):
    return registration_service.do_register(
        event=event, user=user, organisation=organisation, wants_meetup=False, listed_publicly=True
    )


def test_a_confirmed_participant_is_led_from_the_event_to_the_people_to_meet(session):
    org = make_organisation()
    confirmed = register(session, make_member(org).user, org)
    waiting = register(session, make_member(org).user, org)
    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert waiting.status == RegistrationStatus.WAITLISTED
    people = reverse("events:people_to_meet", args=[confirmed.pk])
    assert people in page(confirmed.user, "events:detail", session.pk)
    assert people in page(confirmed.user, "events:my_registrations")
    waiting_html = page(waiting.user, "events:detail", session.pk)
    assert reverse("events:people_to_meet", args=[waiting.pk]) not in waiting_html
    assert "/people/" not in page(None, "events:detail", session.pk)


def test_no_people_to_meet_link_after_the_event(session):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import Event

    org = make_organisation()
    confirmed = register(session, make_member(org).user, org)
    Event.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2, hours=-3)
    )
    assert "/people/" not in page(confirmed.user, "events:detail", session.pk)
