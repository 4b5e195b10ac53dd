"""Crawling the site as its kinds of viewer: one small but complete world, and a crawler that follows links.

Shared by the crawl tests (stored markup in ``tests/security``, the Japanese pages in ``tests/integration``).
``scenario`` builds a vendor with a published listing (image, case study, verification record, trial
attestation), a user company with a need (attachment) and an introduction, an organiser's event (meetup,
programme, questions, registrations with answers, a meeting, a material), a chat channel (messages, a reaction, a
report, a hidden message) and a saved search. ``crawl`` visits pages breadth-first from entry points.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from cpsplatform.discussions import messaging, moderation
from cpsplatform.discussions import services as chat_services
from cpsplatform.discussions.models import ChannelKind
from cpsplatform.home.pages import ensure_home_pages
from cpsplatform.notifications import services as notification_services
from cpsplatform.organisations.models import OrganisationKind
from events.models import Answer, Material, Meeting, Question, Registration
from marketplace.choices import IntroductionStatus, RecordStatus
from marketplace.models import (
    CaseStudy,
    IntroductionAttachment,
    NeedAttachment,
    SolutionListing,
    TrialAttestation,
)
from marketplace.services import images as image_services
from search.models import SavedSearch
from tests.events.conftest import make_event
from tests.factories import give_totp, make_member, make_organisation, make_staff, make_user
from tests.marketplace.factories import make_introduction, make_listing, make_need, make_record, png_bytes

#: Viewers' entry points; the crawler follows links from there.
START_PAGES = [
    "/",
    "/en/",
    "/marketplace/",
    "/marketplace/verified/",
    "/marketplace/needs/",
    "/marketplace/dashboard/listings/",
    "/marketplace/dashboard/needs/",
    "/marketplace/introductions/",
    "/marketplace/verification/",
    "/marketplace/moderation/",
    "/events/",
    "/events/mine/",
    "/events/organise/",
    "/discussions/",
    "/organisations/",
    "/search/?q=alert",
    "/search/saved/",
    "/search/messages/?q=alert",
]
#: Not followed: leaving the session, the admin (tested by Wagtail and Django), downloads and feeds.
SKIPPED = re.compile(r"(logout|^/cms/|^/static/|^/media/|/files/|\.(ics|csv|pdf|txt)$|/download)")
#: At most this many pages with the same path and different query strings (sorting, filters, pages).
QUERY_VARIANTS_PER_PATH = 3
PAGES_PER_VIEWER = 400


# --- the world ------------------------------------------------------------------------------------------------


@dataclass
class World:
    viewers: dict[str, list]  # kind of viewer → the users of that kind
    #: Pages no link leads to (the chat script builds their addresses), crawled as well.
    extra_pages: list[str] = field(default_factory=list)
    #: The scenario's people and main objects by name, for tests that build more on top of it.
    made: dict[str, Any] = field(default_factory=dict)


def scenario() -> World:
    now = timezone.now()
    ensure_home_pages()  # an earlier transactional test may have flushed the migrations' pages
    staff = make_staff()
    vendor_owner, company_owner, organiser, outsider, verifier_user = (make_user() for _ in range(5))
    # The organiser's export and the verifier's decisions need a second factor (cpsplatform.accounts.mfa).
    give_totp(organiser)
    give_totp(verifier_user)
    vendor = make_organisation(OrganisationKind.VENDOR, owner=vendor_owner, website="https://vendor.example")
    company = make_organisation(OrganisationKind.USER_COMPANY, owner=company_owner)
    organiser_org = make_organisation(OrganisationKind.EVENT_ORGANISER, confirmed_by_staff=True)
    make_member(organiser_org, role="admin", user=organiser)
    verifier = make_organisation(OrganisationKind.VERIFICATION_BODY, confirmed_by_staff=True)
    make_member(verifier, user=verifier_user)
    make_organisation(OrganisationKind.USER_COMPANY, owner=outsider)

    # Marketplace: a published listing with everything a listing can carry.
    listing = make_listing(vendor, website="https://vendor.example/edr", moderation_note="note")
    SolutionListing.objects.filter(pk=listing.pk).update(published_at=now)
    make_listing(vendor, status="draft")
    image_services.do_add_listing_image(
        listing,
        actor=vendor_owner,
        organisation=vendor,
        upload=SimpleUploadedFile("shot.png", png_bytes(), content_type="image/png"),
        alt_text="screenshot",
    )
    image_services.do_add_listing_image(
        listing,
        actor=vendor_owner,
        organisation=vendor,
        upload=SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png"),
        kind="logo",
        alt_text="logo",
    )
    CaseStudy.objects.create(
        listing=listing,
        title="case",
        body="story",
        customer_name="customer",
        anonymised=False,
        consent_obtained=True,
        consent_recorded_at=now,
        status="published",
    )
    record = make_record(listing, issuer=verifier, status=RecordStatus.CONFIRMED, status_reason="ok")
    record.evidence_file.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=False)
    record.evidence_file_name = "report.pdf"
    record.evidence_is_public = True
    record.save()
    make_record(listing, issuer=verifier, status=RecordStatus.CLAIMED)
    TrialAttestation.objects.create(
        listing=listing,
        organisation=company,
        attested_by=company_owner,
        started_on=now.date() - timedelta(days=60),
        ended_on=now.date() - timedelta(days=10),
        environment="plant",
        result_summary="worked",
        anonymise=False,
        status="confirmed",
        status_reason="fine",
    )
    TrialAttestation.objects.create(
        listing=listing,
        organisation=company,
        attested_by=company_owner,
        started_on=now.date() - timedelta(days=30),
        ended_on=now.date() - timedelta(days=5),
        environment="line 2",
        result_summary="pending review",
        status="pending",
    )
    need = make_need(company, created_by=company_owner)
    attachment = NeedAttachment(need=need, original_name="spec.pdf", content_type="application/pdf", size=4)
    attachment.file.save("spec.pdf", ContentFile(b"%PDF"), save=False)
    attachment.save()
    introduction = make_introduction(listing, need, decline_reason="")
    make_introduction(
        make_listing(vendor), make_need(company), status=IntroductionStatus.DECLINED, decline_reason="no"
    )
    brochure = IntroductionAttachment(
        introduction=introduction, original_name="brochure.pdf", content_type="application/pdf", size=4
    )
    brochure.file.save("brochure.pdf", ContentFile(b"%PDF"), save=False)
    brochure.save()

    # Events: an open event with a meetup, programme, questions, two listed registrations, a meeting, a material.
    event = make_event(organiser_org, meetup_capacity=10, theme="theme", description="about", online_url="")
    make_event(organiser_org, online_url="https://meet.example/2")
    event.programme.create(order=1, title="talk", speakers="speaker")
    short = event.questions.create(order=1, text="why", kind=Question.Kind.SHORT_TEXT)
    choice = event.questions.create(order=2, text="pick", kind=Question.Kind.CHOICE, choices="a\nb")
    registrations = []
    for user, organisation in ((company_owner, company), (vendor_owner, vendor)):
        registration = Registration.objects.create(
            event=event, user=user, organisation=organisation, status="confirmed", listed_publicly=True
        )
        Answer.objects.create(registration=registration, question=short, value="because")
        Answer.objects.create(registration=registration, question=choice, value="a")
        registrations.append(registration)
    Meeting.objects.create(
        event=event,
        requester=registrations[0],
        invitee=registrations[1],
        starts_at=event.starts_at,
        message="hello",
    )
    material = Material(
        event=event, title="slides", original_name="slides.pdf", size=4, uploaded_by=organiser
    )
    material.file.save("slides.pdf", ContentFile(b"%PDF"), save=False)
    material.save()

    # Discussions: a public channel with a message, a reaction, a report and a message a moderator hid.
    channel = chat_services.do_create_channel(
        kind=ChannelKind.PUBLIC, name="plant OT", description="about", created_by=company_owner
    )
    first = messaging.do_send_message(channel, company_owner, body="hello", topic="general")
    messaging.do_react(first, outsider, emoji=messaging.REACTIONS[0])
    moderation.do_report_message(first, outsider, reason="spam")
    hidden = messaging.do_send_message(channel, outsider, body="rude", topic="general")
    moderation.do_hide_message(hidden, company_owner, reason="rude")
    chat_services.do_create_channel(
        kind=ChannelKind.PUBLIC, name="second", description="more", created_by=vendor_owner
    )

    SavedSearch.objects.create(user=company_owner, organisation=company, name="mine", query="edr")

    # Notifications: a mention (its excerpt is the notification's summary) and an e-mail choice.
    messaging.do_send_message(
        channel, company_owner, body=f"@**{outsider.display_name}** look", topic="general"
    )
    notification_services.do_set_email_choice(outsider, "discussions.mention", "daily")

    return World(
        viewers={
            "anonymous": [None],
            "member of an unrelated organisation": [outsider],
            "owning vendor and user company": [vendor_owner, company_owner],
            "event organiser": [organiser],
            "staff": [staff],
        },
        extra_pages=[f"/discussions/c/{channel.slug}/reports/", f"/discussions/c/{channel.slug}/members/"],
        made={
            "staff": staff,
            "vendor_owner": vendor_owner,
            "company_owner": company_owner,
            "organiser": organiser,
            "outsider": outsider,
            "verifier_user": verifier_user,
            "vendor": vendor,
            "company": company,
            "organiser_org": organiser_org,
            "verifier": verifier,
            "listing": listing,
            "need": need,
            "event": event,
            "channel": channel,
        },
    )


# --- crawling -------------------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def is_html_page(response: HttpResponse) -> bool:
    return response.status_code == 200 and "text/html" in response.get("Content-Type", "")


def url_pattern(path: str) -> str:
    """``/marketplace/listings/12/`` and ``/marketplace/listings/13/`` are the same page to a crawler."""
    return re.sub(r"\d+", "N", path)


def crawl(
    client: Client,
    start: list[str],
    *,
    skipped: re.Pattern = SKIPPED,
    limit: int = PAGES_PER_VIEWER,
    per_pattern: int | None = None,
) -> Iterator[tuple[str, HttpResponse]]:
    """GET the ``start`` pages and every same-site page they link to (breadth-first), yielding each answer.

    Redirects are followed; links are taken from HTML pages answered 200. At most ``QUERY_VARIANTS_PER_PATH``
    query strings per path, and with ``per_pattern`` at most that many paths per ``url_pattern`` (objects of the
    same kind), so that a big world stays a bounded crawl.
    """
    queue = list(start)
    visited: set[str] = set()
    variants: dict[str, int] = defaultdict(int)
    patterns: dict[str, set[str]] = defaultdict(set)
    while queue and len(visited) < limit:
        url = queue.pop(0)
        if url in visited:
            continue
        path = urlsplit(url).path
        if "?" in url:
            if variants[path] >= QUERY_VARIANTS_PER_PATH:
                continue
            variants[path] += 1
        if per_pattern is not None and url not in start:
            same = patterns[url_pattern(path)]
            if path not in same and len(same) >= per_pattern:
                continue
            same.add(path)
        visited.add(url)
        response = client.get(url)
        yield url, response
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append(response["Location"])
            continue
        if not is_html_page(response):
            continue
        links = _Links()
        links.feed(response.content.decode())
        links.close()
        for link in links.links:
            target, _ = urldefrag(urljoin(url, link))
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if not skipped.search(parts.path) and local not in visited:
                queue.append(local)
