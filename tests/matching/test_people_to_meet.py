"""Events' 'people to meet', ranked by the matching engine on real Elasticsearch (``matching.people``)."""

import pytest
from django.urls import reverse
from django.utils import translation

from cpsplatform.organisations.models import OrganisationKind
from events.matchmaking import CombinedInterests, default_source, overlap_source, people_to_meet
from events.services import registration as registration_service
from marketplace.choices import Visibility
from matching.people import EngineInterests
from tests.events.conftest import make_event, make_org, make_user
from tests.factories import client_for
from tests.marketplace.factories import make_listing, make_need

pytestmark = pytest.mark.django_db


def join(event, organisation, name: str, components=()):
    return registration_service.do_register(
        event=event,
        user=make_user(organisation, display_name=name),
        organisation=organisation,
        wants_meetup=True,
        listed_publicly=True,
        interest_components=list(components),
    )


@pytest.fixture
def event(db):
    return make_event(capacity=30, meetup_capacity=20)


@pytest.fixture
def market(sync_now, event):
    """A factory in Chubu with an OT need; three vendors at the same event."""
    factory = make_org(OrganisationKind.USER_COMPANY, name_en="Tokai Factory")
    ot_vendor = make_org(OrganisationKind.VENDOR, name_en="OT Watch")
    far_vendor = make_org(OrganisationKind.VENDOR, name_en="Kyushu OT Only")
    insurer = make_org(OrganisationKind.VENDOR, name_en="Insurer")
    need = make_need(
        factory,
        title="工場の制御システムへの不正侵入を検知したい",
        description="生産ラインの PLC と制御ネットワークの異常な通信を監視し、侵入を早く見つけたいです。",
        region="chubu",
    )
    need.categories.set(need.categories.model.objects.filter(slug="iot-ot-security"))
    fits = make_listing(
        ot_vendor,
        name_ja="制御ネットワーク異常検知センサー",
        name_en="",
        summary_ja="工場の制御ネットワークの通信を監視し、PLC への不正侵入や異常な通信を検知します。",
        regions=["nationwide"],
        categories=["iot-ot-security"],
    )
    # Same category, but it serves Kyushu only: the engine's hard filter on region leaves it out.
    elsewhere = make_listing(
        far_vendor,
        name_ja="九州向け制御システム監視",
        name_en="",
        summary_ja="制御システムの通信を監視して侵入を検知します。",
        regions=["kyushu-okinawa"],
        categories=["iot-ot-security"],
    )
    insurance = make_listing(
        insurer,
        name_ja="サイバー保険",
        name_en="",
        summary_ja="事故の費用を補償します。",
        categories=["cyber-insurance"],
    )
    sync_now()
    return {
        "need": need,
        "fits": fits,
        "elsewhere": elsewhere,
        "insurance": insurance,
        "factory": join(event, factory, "Factory buyer"),
        "ot_vendor": join(event, ot_vendor, "OT seller"),
        "far_vendor": join(event, far_vendor, "Far seller"),
        "insurer": join(event, insurer, "Insurer seller"),
    }


def test_the_engine_source_is_the_default_when_elasticsearch_is_configured():
    source = default_source()
    assert isinstance(source, CombinedInterests)
    assert any(isinstance(part, EngineInterests) for part in source.sources)


def test_vendors_whose_listings_fit_the_viewers_need_are_suggested_with_the_listing(market):
    with translation.override("en"):
        suggestions = people_to_meet(market["factory"])
    assert [s.registration.pk for s in suggestions] == [market["ot_vendor"].pk]
    assert suggestions[0].they_offer == ["制御ネットワーク異常検知センサー"]
    # The category overlap alone would also have suggested the vendor that does not serve the need's region.
    with translation.override("en"):
        by_overlap = people_to_meet(market["factory"], source=overlap_source())
    assert market["far_vendor"].pk in [s.registration.pk for s in by_overlap]


def test_a_better_fit_ranks_first(market, event, sync_now):
    second = make_org(OrganisationKind.VENDOR, name_en="Generic IT")
    make_listing(
        second,
        name_ja="ITなんでも相談",
        name_en="",
        summary_ja="工場のネットワークの相談にも乗ります。",
        regions=["nationwide"],
        categories=["consulting-governance"],
    )
    generic = join(event, second, "Generic seller")
    sync_now()
    suggestions = people_to_meet(market["factory"])
    ranked = [s.registration.pk for s in suggestions]
    assert ranked[0] == market["ot_vendor"].pk
    assert generic.pk in ranked
    assert suggestions[0].score > suggestions[ranked.index(generic.pk)].score


def test_a_vendor_sees_the_needs_that_fit_its_listing_but_never_hidden_or_anonymous_ones(
    market, event, sync_now
):
    text = {
        "title": "制御ネットワークの侵入検知を導入したい",
        "description": "工場の PLC への不正な通信を監視したい。",
        "region": "kanto",
    }
    anonymous = make_org(OrganisationKind.USER_COMPANY, name_en="Anonymous Plant")
    vendors_only = make_org(OrganisationKind.USER_COMPANY, name_en="Vendors-only Plant")
    invite_only = make_org(OrganisationKind.USER_COMPANY, name_en="Invite-only Plant")
    for owner, extra in (
        (anonymous, {"hide_company_name": True}),
        (vendors_only, {"visibility": Visibility.CONFIRMED_VENDORS}),
        (invite_only, {"visibility": Visibility.INVITE_ONLY}),
    ):
        make_need(owner, **text, **extra).categories.set(market["need"].categories.all())
    hidden = [join(event, org, f"{org.name_en} buyer") for org in (anonymous, vendors_only, invite_only)]
    sync_now()
    suggestions = people_to_meet(market["ot_vendor"])
    assert [s.registration.pk for s in suggestions] == [market["factory"].pk]
    assert suggestions[0].they_need == [market["need"].title]
    assert not {r.pk for r in hidden} & {s.registration.pk for s in suggestions}


def test_people_to_meet_falls_back_to_the_overlap_when_elasticsearch_is_down(market, elasticsearch_down):
    """A real closed port: the page answers from category overlap instead of failing."""
    with translation.override("en"):
        engine_down = people_to_meet(market["factory"])
        overlap = people_to_meet(market["factory"], source=overlap_source())
    assert [(s.registration.pk, s.they_offer, s.score) for s in engine_down] == [
        (s.registration.pk, s.they_offer, s.score) for s in overlap
    ]
    assert {market["ot_vendor"].pk, market["far_vendor"].pk} <= {s.registration.pk for s in engine_down}
    response = client_for(market["factory"].user).get(
        reverse("events:people_to_meet", args=[market["factory"].pk])
    )
    assert response.status_code == 200
    assert "OT seller" in response.content.decode()


def test_the_people_to_meet_page_names_the_listing_that_fits(market):
    response = client_for(market["factory"].user).get(
        reverse("events:people_to_meet", args=[market["factory"].pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "OT seller" in body and "制御ネットワーク異常検知センサー" in body
    assert "Insurer seller" not in body and "Far seller" not in body


def test_without_needs_of_its_own_a_participant_still_meets_vendors_by_declared_interests(
    market, event, sync_now
):
    """The engine judges only from the viewer's own needs and listings; with none, the overlap still counts."""
    iot = make_org(OrganisationKind.VENDOR, name_en="Things Vendor")
    make_listing(
        iot,
        name_ja="IoT機器の真正性確認",
        name_en="",
        cpsf_components=["things"],
        categories=["hardware-security"],
    )
    seller = join(event, iot, "Things seller")
    newcomer = join(event, make_org(OrganisationKind.USER_COMPANY), "Newcomer", components=["things"])
    sync_now()
    with translation.override("en"):
        suggestions = people_to_meet(newcomer)
    assert seller.pk in [s.registration.pk for s in suggestions]
    assert "Components / things" in next(s for s in suggestions if s.registration.pk == seller.pk).they_offer
