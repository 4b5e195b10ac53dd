"""A recommended vendor that cannot see a restricted need: the buyer is told and may let it see the need; a vendor
pointed to the need by an introduction gets an explanation (403) instead of a bare 404; anyone else still gets
the 404 of a missing need."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.organisations.actor import Actor
from marketplace import selectors
from marketplace.choices import IntroductionKind, Visibility
from marketplace.models import Introduction
from marketplace.services import needs as need_services
from tests.factories import client_for, make_member, make_organisation
from tests.marketplace.factories import make_listing, make_need

pytestmark = pytest.mark.django_db

SECRET = "Replace the PLC firmware at our Osaka plant"
DETAIL = "Line 3 runs Mitsubishi Q-series controllers"


@pytest.fixture
def restricted(sync_now):
    vendor = make_organisation(kind="vendor", name_en="Unconfirmed Secure")  # not confirmed by staff
    listing = make_listing(
        vendor,
        name_ja="",
        name_en="PLC firmware hardening",
        summary_ja="PLCのファームウェア更新と堅牢化",
        categories=["endpoint-protection"],
        regions=["kinki"],
    )
    owner = make_organisation()
    need = make_need(
        owner,
        title=SECRET,
        description=f"{DETAIL}. We need PLC firmware hardening.",
        visibility=Visibility.CONFIRMED_VENDORS,
        region="kinki",
        language="en",
    )
    need.categories.set(listing.categories.all())
    sync_now()
    return {"vendor": vendor, "listing": listing, "owner": owner, "need": need}


def test_the_rule_from_the_organisations_side_agrees_with_the_need_visibility_rule():
    owner = make_organisation()
    confirmed = make_organisation(kind="vendor", confirmed_by_staff=True)
    unconfirmed = make_organisation(kind="vendor")
    invited = make_organisation(kind="vendor")
    company = make_organisation()
    orgs = [owner, confirmed, unconfirmed, invited, company]
    for visibility in Visibility.values:
        need = make_need(owner, visibility=visibility, invited=[invited])
        unable = selectors.organisations_unable_to_see_need(need, [org.pk for org in orgs])
        for org in orgs:
            member = make_member(org).user
            assert selectors.can_view_need(Actor.acting_for(member, org), need) == (org.pk not in unable), (
                visibility,
                org,
            )


def test_the_buyer_is_told_which_vendor_cannot_see_the_need_and_lets_it_see(restricted, sync_now):
    owner_member = make_member(restricted["owner"]).user
    buyer = client_for(owner_member)
    url = reverse("matching:need_recommendations", args=[restricted["need"].pk])
    response = buyer.get(url)
    suggestion = next(
        s for s in response.context["recommendations"].suggestions if s.id == str(restricted["listing"].pk)
    )
    assert suggestion.vendor_cannot_see and suggestion.vendor_id == restricted["vendor"].pk
    body = response.content.decode()
    assert f'data-vendor="{restricted["vendor"].pk}"' in body
    assert reverse("marketplace:need_invite", args=[restricted["need"].pk]) in body
    need_page = buyer.get(reverse("marketplace:need_detail", args=[restricted["need"].pk])).content.decode()
    assert f'data-vendor="{restricted["vendor"].pk}"' in need_page, "the need page's panel says so too"

    vendor_member = make_member(restricted["vendor"]).user
    assert (
        client_for(vendor_member)
        .get(reverse("marketplace:need_detail", args=[restricted["need"].pk]))
        .status_code
        == 404
    )

    response = buyer.post(
        reverse("marketplace:need_invite", args=[restricted["need"].pk]),
        {"organisation": restricted["vendor"].pk, "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url
    assert restricted["vendor"] in restricted["need"].invited_organisations.all()
    entry = AuditLogEntry.objects.get(action="marketplace.need.organisation_invited")
    assert entry.actor == owner_member and entry.data["invitee_id"] == restricted["vendor"].pk

    page = client_for(vendor_member).get(reverse("marketplace:need_detail", args=[restricted["need"].pk]))
    assert page.status_code == 200 and SECRET in page.content.decode()
    again = buyer.get(url).context["recommendations"].suggestions
    assert not any(s.vendor_cannot_see for s in again)
    sync_now()
    found = client_for(vendor_member).get(reverse("search:search"), {"q": "PLC firmware", "type": "needs"})
    assert SECRET in [result.title for result in found.context["page"].results]


def test_only_the_needs_owner_may_invite_and_bad_requests_are_refused_with_a_reason(restricted):
    need, vendor = restricted["need"], restricted["vendor"]
    url = reverse("marketplace:need_invite", args=[need.pk])
    stranger = client_for(make_member(make_organisation()).user)
    assert stranger.post(url, {"organisation": vendor.pk}).status_code == 404
    assert client_for(make_member(vendor).user).post(url, {"organisation": vendor.pk}).status_code == 404
    assert not need.invited_organisations.exists()

    buyer = client_for(make_member(restricted["owner"]).user)
    buyer.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = buyer.post(url, {"organisation": "not-an-id"}, follow=True)
    assert "That organisation does not exist." in response.content.decode()
    confirmed = make_organisation(kind="vendor", confirmed_by_staff=True, name_en="Confirmed Co")
    with pytest.raises(ValidationError) as refused:
        need_services.do_invite_to_need(
            need,
            actor=make_member(restricted["owner"]).user,
            organisation=restricted["owner"],
            invitee=confirmed,
        )
    assert refused.value.code == "already_visible"
    response = buyer.post(url, {"organisation": vendor.pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("marketplace:need_detail", args=[need.pk])


def test_a_vendor_pointed_to_the_need_by_an_introduction_is_told_why_it_cannot_see_it(restricted):
    need, vendor, owner = restricted["need"], restricted["vendor"], restricted["owner"]
    Introduction.objects.create(
        kind=IntroductionKind.INQUIRY,
        from_org=owner,
        to_org=vendor,
        listing=restricted["listing"],
        need=need,
        reason="Could your hardening cover our PLCs?",
    )
    vendor_client = client_for(make_member(vendor).user)
    introduction = Introduction.objects.get()
    assert (
        reverse("marketplace:need_detail", args=[need.pk])
        in vendor_client.get(
            reverse("marketplace:introduction_detail", args=[introduction.pk])
        ).content.decode()
    )

    response = vendor_client.get(reverse("marketplace:need_detail", args=[need.pk]))
    assert response.status_code == 403
    body = response.content.decode()
    assert 'id="need-restricted"' in body and 'data-visibility="confirmed_vendors"' in body
    assert SECRET not in body and DETAIL not in body

    guesser = client_for(make_member(make_organisation(kind="vendor")).user)
    assert guesser.get(reverse("marketplace:need_detail", args=[need.pk])).status_code == 404
    assert guesser.get(reverse("marketplace:need_detail", args=[need.pk + 1000])).status_code == 404
