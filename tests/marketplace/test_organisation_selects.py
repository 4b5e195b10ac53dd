"""Organisation selects (claim issuer, need invitations): grouped by kind, searchable with the filter script, and
usable without it; the issuer list holds only approved verification bodies and public agencies."""

import re

import pytest
from django.urls import reverse

from marketplace.choices import Visibility
from marketplace.forms import VerificationClaimForm
from marketplace.models import VerificationRecord
from tests.factories import client_for

from .factories import make_listing, make_need, make_org

pytestmark = pytest.mark.django_db


def optgroups(html: str, name: str) -> dict[str, list[str]]:
    """``{group label: [option labels]}`` of the ``<select name=name>`` in ``html``."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return {
        label: re.findall(r"<option [^>]*>([^<]*)</option>", body)
        for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    }


def test_issuer_select_offers_only_approved_verification_bodies_and_public_agencies(vendor, vendor_user):
    body = make_org("verification_body", name_ja="サイバー検証センター", name_en="Cyber Test Centre")
    agency = make_org("public_agency", name_ja="産業サイバー庁", name_en="Industrial Cyber Agency")
    pending_body = make_org("verification_body", confirmed_by_staff=False)
    customer = make_org("user_company", confirmed_by_staff=True)
    university = make_org("university", confirmed_by_staff=True)
    listing = make_listing(vendor)

    page = client_for(vendor_user).get(
        reverse("marketplace:listing_claim", args=[listing.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = page.content.decode()
    groups = optgroups(html, "issuer")
    assert groups == {
        "Verification body": ["サイバー検証センター / Cyber Test Centre"],
        "Public agency": ["産業サイバー庁 / Industrial Cyber Agency"],
    }
    offered = set(VerificationClaimForm(vendor=vendor).fields["issuer"].queryset)
    assert offered == {body, agency}
    assert not offered & {pending_body, customer, university}


def test_the_select_is_marked_for_the_filter_script_which_is_a_file_not_inline(vendor, vendor_user):
    make_org("verification_body")
    listing = make_listing(vendor)
    html = (
        client_for(vendor_user).get(reverse("marketplace:listing_claim", args=[listing.pk])).content.decode()
    )
    assert re.search(r'<select name="issuer"[^>]*data-searchable', html)
    assert 'data-filter-label="一覧を絞り込む"' in html
    assert '<script src="/static/js/searchable-select.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script: the CSP forbids it


def test_a_claim_posted_from_the_grouped_select_is_recorded(vendor, vendor_user):
    body = make_org("verification_body")
    listing = make_listing(vendor)
    response = client_for(vendor_user).post(
        reverse("marketplace:listing_claim", args=[listing.pk]),
        {
            "kind": "effectiveness",
            "issuer": body.pk,
            "performed_on": "2024-05-01",
            "scope": "範囲",
            "result_summary": "結果",
            "evidence_url": "https://example.org/report",
        },
    )
    assert response.status_code == 302
    assert VerificationRecord.objects.get().issuer == body


def test_naming_an_issuer_outside_the_list_is_refused_with_a_message(vendor, vendor_user):
    customer = make_org("user_company", confirmed_by_staff=True)
    listing = make_listing(vendor)
    response = client_for(vendor_user).post(
        reverse("marketplace:listing_claim", args=[listing.pk]),
        {
            "kind": "trial",
            "issuer": customer.pk,
            "performed_on": "2024-05-01",
            "scope": "範囲",
            "result_summary": "結果",
            "evidence_url": "https://example.org/report",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.context["form"].errors["issuer"]
    assert not VerificationRecord.objects.exists()


def test_need_invitations_are_grouped_by_kind_and_searchable(user_org, user_member):
    make_org("vendor", name_ja="さくらセキュア", name_en="Sakura Secure")
    make_org("university", name_ja="東都工科大学", name_en="Toto Tech")
    need = make_need(user_org, visibility=Visibility.INVITE_ONLY)
    html = (
        client_for(user_member)
        .get(reverse("marketplace:need_edit", args=[need.pk]), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    groups = optgroups(html, "invited_organisations")
    assert "さくらセキュア / Sakura Secure" in groups["Security vendor"]
    assert "東都工科大学 / Toto Tech" in groups["University / research institute"]
    assert not any(user_org.name_ja in label for labels in groups.values() for label in labels)
    assert re.search(r'<select name="invited_organisations"[^>]*data-searchable', html)


def test_the_listing_page_prints_the_summary_once(client):
    listing = make_listing(
        summary_ja="工場のネットワークを24時間監視します。",
        description_ja="工場のネットワークを24時間監視します。\n\n導入から運用まで支援します。",
    )
    html = client.get(reverse("marketplace:listing_detail", args=[listing.pk])).content.decode()
    assert html.count("工場のネットワークを24時間監視します。") == 1
    assert "導入から運用まで支援します。" in html
