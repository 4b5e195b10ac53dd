"""People on a security marketplace write about attacks: such prose is accepted as typed and shown as text.

Markup is not refused on input (it refused "if a<b" and let ``java\\nscript:`` through); every page escapes what it
prints instead, so the text survives intact and never runs.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.models import Need, SolutionListing
from marketplace.services import introductions as introduction_services
from tests.factories import client_for

from .factories import make_introduction, make_listing, make_need

pytestmark = pytest.mark.django_db

PROSE_JA = "当社WAFは<script>タグによるXSSを遮断します。<img src=x onerror=alert(1)> も検知し、if a<b && b>c の比較も誤検知しません。"
PROSE_EN = (
    "Our WAF blocks <script> injection and SQL: ' OR 1=1 -- in every parameter; "
    'one = two licences, if a<b && b>c, java\nscript: and &#60;script&#62; are logged. <a href="javascript:x">'
)
TITLE = "<script>タグ対策: XSS & SQLi (' OR 1=1 --)"


def test_vendor_saves_security_prose_in_both_languages_intact_and_it_is_shown_escaped(vendor, vendor_user):
    data = {
        "name_ja": TITLE,
        "summary_ja": "if a<b && b>c: SQL ' OR 1=1 --",
        "summary_en": "Our WAF blocks <script> injection",
        "description_ja": PROSE_JA,
        "description_en": PROSE_EN,
        "categories": ["endpoint-protection"],
        "regions": ["kanto"],
    }
    response = client_for(vendor_user).post(reverse("marketplace:listing_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    listing = SolutionListing.objects.get()
    assert (listing.name_ja, listing.description_ja) == (TITLE, PROSE_JA)
    assert listing.description_en.replace("\r\n", "\n") == PROSE_EN
    assert listing.summary_en == "Our WAF blocks <script> injection"
    listing.status = "published"
    listing.save(update_fields=["status"])
    page = Client().get(reverse("marketplace:listing_detail", args=[listing.pk])).content.decode()
    assert "&lt;script&gt;タグ対策" in page and "if a&lt;b &amp;&amp; b&gt;c" in page
    assert "<script>タグ" not in page and "<img src=x onerror" not in page


def test_user_company_saves_security_prose_in_a_need_and_it_is_shown_escaped(user_org, user_member):
    data = {
        "need_type": "service",
        "title": TITLE,
        "description": PROSE_JA + "\n" + PROSE_EN,
        "language": "ja",
        "min_verification_level": "0",
        "urgency": "normal",
        "visibility": "public",
    }
    response = client_for(user_member).post(reverse("marketplace:need_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    need = Need.objects.get()
    assert need.title == TITLE
    assert PROSE_JA in need.description and "SQL: ' OR 1=1 --" in need.description
    page = client_for(user_member).get(reverse("marketplace:need_detail", args=[need.pk])).content.decode()
    assert "&lt;script&gt;タグ対策" in page and "if a&lt;b &amp;&amp; b&gt;c" in page
    assert "<script>タグ" not in page and "<img src=x onerror" not in page
    assert '<a href="javascript:x">' not in page


def test_listing_with_security_prose_passes_model_validation(vendor):
    listing = make_listing(vendor, name_ja=TITLE, description_ja=PROSE_JA, description_en=PROSE_EN)
    listing.full_clean()


def test_decline_reason_may_quote_an_attack(vendor, user_org, user_member):
    introduction = make_introduction(make_listing(vendor), make_need(user_org))
    reason = "貴社製品は <script> を含む入力で誤検知が多いため (if a<b) 見送ります。"
    declined = introduction_services.do_decline_introduction(
        introduction, actor=user_member, organisation=user_org, reason=reason
    )
    assert declined.decline_reason == reason
