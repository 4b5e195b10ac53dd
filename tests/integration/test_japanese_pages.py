"""Japanese pages say everything in Japanese: every page of every role crawled, no raw codes, no catalogue English.

How it works:

1. ``japanese_world`` builds on the shared crawl scenario (``tests.crawling``) until every state a page can show
   has a row: listings at every verification level and in every status (one edited, published and sent back by
   staff), claims in every state, needs of every type, urgency, visibility and status, introductions of both kinds
   in every state, events that allocate first come, by approval and by lottery (drawn and pending) with
   registrations in every status (waitlist, offers, meetup seats, 1:1 meetings in every state), a team proposal
   over two vendors, a saved search with filters of every facet, suggestion feedback and a search-sync entry.
2. Each role (anonymous, vendor, user company, university, verification body, organiser, staff with the Wagtail
   admin) crawls the site in Japanese from its start pages (``tests.crawling.crawl``, a few objects per URL
   pattern). Each HTML page's visible text (text nodes, and the placeholder/title/aria-label/alt/button texts
   that a reader sees, and the labels of menus a script draws from JSON; never ``<script>``, ``<style>`` or
   ``<code>``), with what users wrote and addresses cut out, is checked for
   a. raw codes: every value of the project's text choices (marketplace, events, matching, search, taxonomy,
      organisation kinds and roles...) and the dotted audit codes, as a standalone token;
   b. untranslated strings: every msgid of the project's catalogues whose Japanese msgstr differs, and every
      category's English name, found verbatim (placeholders match anything), and ``KNOWN_LEFTOVERS`` (English
      that once reached pages without a msgid, such as Django's automatic form labels);
   c. English form labels, headers and buttons: a ``<label>``, ``<th>``, ``<button>`` or ``<legend>`` whose whole
      text is an English phrase.
   The Wagtail admin is checked for the project's own strings only (Wagtail's Japanese catalogue is far from
   complete, and not ours to finish), and for codes in table cells.
3. The organiser's CSV export and the participants' calendar files, fetched in Japanese, carry no codes and no
   English headers.
4. The mirror: every role crawls in English and no page shows a Japanese msgstr of the catalogues (or a
   category's Japanese name).
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.utils import timezone

from cpsplatform.organisations.models import OrganisationKind
from events.models import AllocationMode, Meeting, Registration, RegistrationStatus
from events.services.lottery import do_run_lottery
from marketplace.choices import (
    ACTION_LABELS,
    IntroductionKind,
    IntroductionStatus,
    ListingStatus,
    NeedStatus,
    NeedType,
    RecordStatus,
    Urgency,
    VerificationKind,
    Visibility,
)
from marketplace.models import Introduction, SecurityCategory
from marketplace.services import listings as listing_services
from marketplace.services.verification import do_refresh_verification_level
from matching.explain import concept_name
from matching.models import MatchFeedback
from scripts import messages
from search.analysis import CONCEPT_PREFIX
from search.glossary import CONCEPTS
from search.models import IndexOutbox, SavedSearch
from search.records import CATEGORY_NAMES
from tests import crawling
from tests.events.conftest import make_event
from tests.factories import client_for, make_member, make_organisation, make_user
from tests.marketplace.factories import make_introduction, make_listing, make_need, make_record
from tests.marketplace.test_japanese_ui import po_entries
from tests.security.test_stored_markup import SERVER_WRITTEN

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("cpsplatform", "marketplace", "events", "matching", "search")

#: English that reaches pages without being a msgid of the project's catalogues (found once, kept out for good).
KNOWN_LEFTOVERS = [
    "Action",  # Django's automatic label of a form field named ``action``
    "Meetup:",  # once hard-coded in the calendar files
]

#: Visible English a Japanese page may show: proper names and the language switcher's own name for English.
ALLOWED_ENGLISH = {"English", "CPSF", "PoC", "EDR", "CSV", "OT"}
#: Japanese an English page may show: the language switcher's own name for Japanese, and the Japanese term the
#: English label of the corporate number gives on purpose ("corporate number (法人番号)").
ALLOWED_JAPANESE = {"日本語", "法人番号"}

#: Per role: how many objects of one URL pattern are visited, and the page budget.
PER_PATTERN = 4
PAGES_PER_ROLE = 260
CMS_PAGES = 120

#: The shared entry points (the English home page is crawled in English only), and a few more.
ROLE_START = [
    *(page for page in crawling.START_PAGES if page != "/en/"),
    "/search/?q=edr&type=needs",
    "/accounts/email/",
    "/accounts/password/change/",
]
ANONYMOUS_START = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
#: Wagtail's own admin is crawled from its dashboard: only the menu and the project's own admin views.
CMS_START = ["/cms/", "/cms/organisations/", "/cms/match_feedback/", "/cms/search_outbox/"]
CMS_SKIPPED = re.compile(crawling.SKIPPED.pattern.replace("|^/cms/", ""))
CMS_ONLY = re.compile(
    r"^/cms/($|organisations/|match_feedback/|search_outbox/|snippets/|pages/$|reports/$|settings/$)"
)


# --- the world ------------------------------------------------------------------------------------------------


def japanese_world() -> crawling.World:
    world = crawling.scenario()
    made = world.made
    now = timezone.now()
    staff, vendor, company = made["staff"], made["vendor"], made["company"]
    verifier, organiser_org = made["verifier"], made["organiser_org"]
    listing, vendor_owner, company_owner = made["listing"], made["vendor_owner"], made["company_owner"]

    # Listings: one at every verification level, every status, a history written by staff.
    components = cycle(["organization", "people", "things", "data", "procedure", "system"])
    for kind in VerificationKind:
        levelled = make_listing(vendor, cpsf_components=[next(components)], summary_en="Levelled")
        make_record(levelled, issuer=verifier, status=RecordStatus.CONFIRMED, kind=kind)
        do_refresh_verification_level(levelled)
    make_record(listing, issuer=verifier, status=RecordStatus.REJECTED, status_reason="根拠不足")
    make_record(listing, issuer=verifier, status=RecordStatus.REVOKED, status_reason="期限切れ")
    for status in (ListingStatus.SUBMITTED, ListingStatus.ARCHIVED):
        make_listing(vendor, status=status)
    published = make_listing(vendor, status=ListingStatus.SUBMITTED, submitted_at=now)
    listing_services.do_publish_listing(published, actor=staff)
    listing_services.do_admin_save_listing(published, actor=staff, created=False)
    sent_back = make_listing(vendor, status=ListingStatus.SUBMITTED, submitted_at=now)
    listing_services.do_reject_listing(sent_back, actor=staff, reason="説明を補ってください")

    # A second vendor, so that a team of two covers a need that no single listing does.
    other_vendor = make_organisation(OrganisationKind.VENDOR, owner=make_user(display_name="別ベンダー担当"))
    for owner, name, summary, covers in (
        (vendor, "従業員向けセキュリティ教育", "従業員教育と運用手順の整備", ["people", "procedure"]),
        (other_vendor, "工場データ保護", "工場データの暗号化と保護", ["data", "system"]),
    ):
        make_listing(
            owner, name_ja=name, summary_ja=summary, summary_en="Team member", cpsf_components=covers
        )
    team_need = make_need(
        company,
        created_by=company_owner,
        title="従業員教育とデータ保護",
        description="従業員のセキュリティ教育、運用手順、工場データの保護をまとめて相談したい",
        cpsf_components=["people", "procedure", "data"],
    )
    team_need.categories.set(SecurityCategory.objects.filter(slug="endpoint-protection"))

    # Needs of every type, urgency, visibility and status; a university's need.
    university = make_organisation(OrganisationKind.UNIVERSITY, confirmed_by_staff=True)
    professor = make_member(university, role="owner", user=make_user(display_name="大学の研究者")).user
    for need_type, urgency, visibility, status in zip(
        NeedType, cycle(Urgency), cycle(Visibility), cycle(NeedStatus), strict=False
    ):
        make_need(
            company,
            created_by=company_owner,
            need_type=need_type,
            urgency=urgency,
            visibility=visibility,
            status=status,
            region="kanto",
            industry="manufacturing",
            company_size="small",
            cpsf_components=["things"],
            cpsf_layers=[2],
            invited=[vendor] if visibility == Visibility.INVITE_ONLY else [],
        )
    university_need = make_need(university, created_by=professor)

    # Introductions of both kinds in every state.
    for status in IntroductionStatus:
        declined = status == IntroductionStatus.DECLINED
        reason = "今回は見送ります" if declined else ""
        proposal = make_introduction(
            make_listing(vendor),
            make_need(company, created_by=company_owner),
            status=status,
            decline_reason=reason,
        )
        Introduction.objects.create(
            kind=IntroductionKind.INQUIRY,
            from_org=company,
            to_org=vendor,
            listing=proposal.listing,
            reason="導入事例を教えてください",
            status=status,
            decline_reason=reason,
        )
    make_introduction(listing, university_need)

    # Events: first come (every registration status, meetings in every state), approval, lottery drawn and not.
    event = made["event"]
    people = [make_user(display_name=f"参加者{n}") for n in range(12)]
    statuses = [
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.DECLINED,
        RegistrationStatus.CHECKED_IN,
        RegistrationStatus.NO_SHOW,
    ]
    for person, status in zip(people, statuses, strict=False):
        Registration.objects.create(
            event=event,
            user=person,
            status=status,
            offer_expires_at=now + timedelta(days=1) if status == RegistrationStatus.OFFERED else None,
            listed_publicly=True,
            wants_meetup=True,
        )
    mine = Registration.objects.filter(event=event, user__in=[company_owner, vendor_owner])
    mine.update(wants_meetup=True, has_meetup_seat=True, interest_components=["people", "data"])
    requester, invitee = list(mine.order_by("pk"))
    for n, status in enumerate(Meeting.Status):
        Meeting.objects.create(
            event=event,
            requester=requester,
            invitee=invitee,
            starts_at=event.ends_at + timedelta(minutes=15 * (n + 1)),
            status=status,
            message="よろしくお願いします",
        )
    approval = make_event(organiser_org, allocation=AllocationMode.APPROVAL, title_ja="承認制の回")
    for user in (company_owner, people[6]):
        Registration.objects.create(event=approval, user=user, status=RegistrationStatus.APPLIED)
    pending_lottery = make_event(
        organiser_org, allocation=AllocationMode.LOTTERY, title_ja="抽選前の回", meetup_capacity=5
    )
    Registration.objects.create(event=pending_lottery, user=vendor_owner, status=RegistrationStatus.APPLIED)
    drawn = make_event(
        organiser_org,
        allocation=AllocationMode.LOTTERY,
        title_ja="抽選済みの回",
        capacity=2,
        registration_opens_at=now - timedelta(days=10),
        registration_closes_at=now - timedelta(hours=2),
        lottery_draw_at=now - timedelta(hours=1),
    )
    for user in (company_owner, vendor_owner, *people[7:11]):
        Registration.objects.create(
            event=drawn, user=user, status=RegistrationStatus.APPLIED, queued_at=now - timedelta(days=3)
        )
    do_run_lottery(drawn, now=now)

    # Search: a saved search with every facet; staff's admin views.
    SavedSearch.objects.create(
        user=vendor_owner,
        organisation=vendor,
        name="工場のニーズ",
        query="検知",
        filters={
            "categories": ["endpoint-protection"],
            "regions": ["kanto"],
            "components": ["things", "data"],
            "industries": ["manufacturing"],
            "level": "2",
        },
        frequency="daily",
    )
    MatchFeedback.objects.create(
        need=team_need, listing=listing, user=company_owner, organisation=company, useful=True, rank=1
    )
    IndexOutbox.objects.create(kind="listings", object_id=str(listing.pk), attempts=2, last_error="timeout")

    made.update(
        university_member=professor,
        team_need=team_need,
        drawn=drawn,
        export=f"/events/organise/{event.pk}/registrations.csv",
    )
    world.extra_pages += [
        f"/matching/needs/{team_need.pk}/recommendations/",
        f"/marketplace/needs/{team_need.pk}/",
        f"/matching/listings/{listing.pk}/needs/",
    ]
    return world


def roles(world: crawling.World) -> dict[str, tuple[object, list[str]]]:
    made = world.made
    signed_in = ROLE_START + world.extra_pages
    return {
        "anonymous": (None, [*ROLE_START, *ANONYMOUS_START]),
        "vendor member": (made["vendor_owner"], signed_in),
        "user-company member": (made["company_owner"], signed_in),
        "university": (made["university_member"], signed_in),
        "verification body": (made["verifier_user"], signed_in),
        "organiser": (made["organiser"], signed_in),
        "staff": (made["staff"], signed_in),
    }


# --- what is checked ------------------------------------------------------------------------------------------


def choice_codes() -> set[str]:
    """Every text value of the project's choices: model fields' choices and every TextChoices class."""
    codes: set[str] = set()
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in PROJECT_APPS:
            continue
        for model in config.get_models():
            for model_field in model._meta.get_fields():
                choices = getattr(model_field, "choices", None) or getattr(
                    getattr(model_field, "base_field", None), "choices", None
                )
                for value, _label in choices or []:
                    codes.add(value)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for choices_class in subclasses(models.TextChoices):
        if choices_class.__module__.split(".")[0] in PROJECT_APPS:
            codes.update(choices_class.values)
    codes.add("nationwide")
    return {code for code in codes if isinstance(code, str) and re.search(r"[a-z]", code)}


def code_pattern(codes: set[str]) -> re.Pattern:
    audit = r"|".join(re.escape(code) for code in ACTION_LABELS) + r"|[a-z]+\.[a-z_]+\.[a-z_]+"
    alternatives = "|".join(re.escape(code) for code in sorted(codes, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-./@:#%=&?])({audit}|{alternatives})(?![\w\-/@])", re.ASCII)


PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdf]|%[sdf]|\{[A-Za-z_]\w*\}")


def _text_of_msgid(text: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@dataclass
class Phrase:
    """A catalogue string (or a known leftover) that must not be shown in the other language."""

    text: str
    pattern: re.Pattern
    words: frozenset[str]  # the words a page must contain for the pattern to be worth trying


def english_phrase(text: str) -> Phrase | None:
    text = _text_of_msgid(text)
    parts = PLACEHOLDER.split(text)
    words = frozenset(w for part in parts for w in re.findall(r"[A-Za-z]{2,}", part))
    if not words or text in ALLOWED_ENGLISH:
        return None
    body = ".{1,80}?".join(r"\s*".join(re.escape(w) for w in part.split()) for part in parts)
    left = r"(?<![A-Za-z])" if re.match(r"[A-Za-z]", text) else ""
    right = r"(?![A-Za-z])" if re.search(r"[A-Za-z]$", text) else ""
    return Phrase(text, re.compile(left + body + right), words)


def catalogue_pairs() -> list[tuple[str, str]]:
    """(English, Japanese) of every translated entry of the project's catalogues, plural forms included."""
    pairs = []
    for package in messages.PACKAGES:
        for entry in po_entries(messages.catalogue(package))[1:]:
            japanese = [entry[k] for k in entry if k.startswith("msgstr") and entry[k]]
            english = [entry["msgid"], *([entry["msgid_plural"]] if entry.get("msgid_plural") else [])]
            if japanese:
                pairs += [(e, j) for e in english for j in japanese if e != j]
    return pairs


def vocabulary_pairs() -> list[tuple[str, str]]:
    """(English, Japanese) names of the platform's vocabulary kept outside the catalogues: the categories."""
    return [(english, japanese) for japanese, english in CATEGORY_NAMES.values() if japanese != english]


def english_phrases() -> list[Phrase]:
    pairs = catalogue_pairs() + vocabulary_pairs()
    phrases = {p.text: p for e, _ in pairs if (p := english_phrase(e))}
    for leftover in KNOWN_LEFTOVERS:
        phrases[leftover] = Phrase(leftover, re.compile(rf"(?<![A-Za-z]){re.escape(leftover)}"), frozenset())
    return list(phrases.values())


def japanese_phrases() -> list[str]:
    """Japanese msgstr fragments long enough to be the interface's (placeholders cut them)."""
    found = set()
    for _, japanese in catalogue_pairs() + vocabulary_pairs():
        for part in PLACEHOLDER.split(_text_of_msgid(japanese)):
            part = part.strip(" 。、:：()（）「」")
            if len(part) >= 4 and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", part):
                found.add(part)
    # Japanese the English text itself carries on purpose ("e.g. 脆弱性診断 or pen test": search in either language).
    in_english = "\n".join(english for english, _ in catalogue_pairs())
    return sorted(part for part in found - ALLOWED_JAPANESE if part not in in_english)


#: Tables of the platform's vocabulary, not of what users wrote: their names are checked like the catalogues'.
VOCABULARY_MODELS = {SecurityCategory}


def user_content_pattern() -> re.Pattern:
    """Every free-text value stored in the project's tables (names, titles, descriptions...): what people wrote
    is shown as they wrote it, in whatever language, so pages are checked with it cut out. So are the glossary's
    topic names, bilingual on purpose ("data / データ": the words that matched, in both languages)."""
    values = {concept_name(CONCEPT_PREFIX + concept.id) for concept in CONCEPTS}
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in PROJECT_APPS:
            continue
        for model in config.get_models():
            if model in VOCABULARY_MODELS:
                continue
            names = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, (models.CharField, models.TextField))
                and not f.choices
                and (model._meta.label, f.name) not in SERVER_WRITTEN  # codes: checked, not cut
            ]
            for row in model._base_manager.values_list(*names) if names else []:
                values.update(" ".join(str(v).split()) for v in row if v and len(str(v)) > 1)
    alternatives = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])")


#: Addresses and e-mail addresses are not language.
ADDRESSES = re.compile(r"\S+://\S+|[\w.+-]+@[\w.-]+|\b[\w-]+(?:\.[\w-]+)*\.(?:example|org|com|jp)\b")


def upstream_msgids() -> set[str]:
    """Strings of Wagtail's and Django's own catalogues: their Japanese is theirs (Wagtail's is far from complete),
    so the Wagtail admin is checked only for what the project itself puts there."""
    site = Path(django.__file__).parent.parent
    found: set[str] = set()
    for po in [
        *site.glob("wagtail/**/locale/en/LC_MESSAGES/django.po"),
        *site.glob("django/**/locale/en/LC_MESSAGES/django.po"),
    ]:
        for entry in po_entries(po)[1:]:
            found.update(_text_of_msgid(entry[k]) for k in ("msgid", "msgid_plural") if entry.get(k))
    return found


# --- reading a page -------------------------------------------------------------------------------------------


class VisibleText(HTMLParser):
    """Text a reader sees, the English-only texts of labels, headers and buttons, and the page's language."""

    HIDDEN = {"script", "style", "code", "pre", "svg", "template"}
    CHROME = {"label", "th", "button", "legend"}
    SHOWN_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.attributes: list[str] = []
        self.chrome: list[str] = []
        self.cells: list[str] = []
        self.lang = ""
        self._json: list[str] | None = None
        self._hidden = 0
        self._chrome: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag == "script" and values.get("type") == "application/json":
            self._json = []
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag in self.CHROME or tag == "td":
            self._chrome.append([])
        self.attributes += [v for k, v in attrs if k in self.SHOWN_ATTRIBUTES and v]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.attributes.append(values["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.HIDDEN:
            self._hidden -= 1
        if tag in self.CHROME or tag == "td":
            self._chrome.pop()

    def handle_endtag(self, tag):
        if tag == "script" and self._json is not None:
            # Labels a script shows (the Wagtail sidebar's menu is JSON the page's script renders).
            labels = list(json_labels(json.loads("".join(self._json) or "null")))
            self.chrome += labels
            self.attributes += labels
            self._json = None
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if (tag in self.CHROME or tag == "td") and self._chrome:
            text = " ".join("".join(self._chrome.pop()).split())
            (self.cells if tag == "td" else self.chrome).append(text)

    def handle_data(self, data):
        if self._json is not None:
            self._json.append(data)
        if self._hidden:
            return
        self.texts.append(data)
        for parts in self._chrome:
            parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def json_labels(value) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "label" and isinstance(item, str):
                yield item
            else:
                yield from json_labels(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_labels(item)


def read(html: str) -> VisibleText:
    page = VisibleText()
    page.feed(html)
    page.close()
    return page


ENGLISH_CHROME = re.compile(r"[A-Z][a-z]+(?: [A-Za-z][a-z]*)*[:?]?")


@dataclass
class Checker:
    codes: re.Pattern
    english: list[Phrase]
    japanese: list[str]
    user_content: re.Pattern
    upstream: set[str] = field(default_factory=set)
    problems: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def __post_init__(self):
        # In the Wagtail admin, a project string that is (part of) one of Wagtail's own ("filters" in "Show
        # filters") proves nothing: only the others are looked for there.
        everything_upstream = "\n".join(self.upstream)
        self.project_only = [p for p in self.english if not p.pattern.search(everything_upstream)]

    def interface(self, text: str) -> str:
        """The page's own words: user content and addresses cut out."""
        return ADDRESSES.sub(" ", self.user_content.sub(" ", text))

    def japanese_page(self, where: str, page: VisibleText, *, wagtail: bool = False) -> None:
        """Codes and English; in the Wagtail admin only in table cells, and only the project's own English."""
        for text in page.cells if wagtail else [page.text]:
            for match in self.codes.finditer(self.interface(text)):
                self.problems[f"raw code {match.group(1)!r}"].add(where)
        shown = self.interface(page.text + " \n " + " \n ".join(page.attributes))
        words = set(re.findall(r"[A-Za-z]{2,}", shown))
        for phrase in self.project_only if wagtail else self.english:
            if phrase.words <= words and phrase.pattern.search(shown):
                self.problems[f"English {phrase.text!r}"].add(where)
        for text in page.chrome:
            text = self.interface(text).strip()
            if wagtail and text in self.upstream:
                continue
            if ENGLISH_CHROME.fullmatch(text) and text.rstrip(":?") not in ALLOWED_ENGLISH:
                self.problems[f"English label {text!r}"].add(where)

    def english_page(self, where: str, page: VisibleText) -> None:
        shown = self.interface(page.text + " \n " + " \n ".join(page.attributes))
        if not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", shown):
            return
        for phrase in self.japanese:
            if phrase in shown:
                self.problems[f"Japanese {phrase!r} on an English page"].add(where)

    def report(self) -> str:
        return "\n".join(
            f"{problem}: {', '.join(sorted(where)[:4])}{' …' if len(where) > 4 else ''}"
            for problem, where in sorted(self.problems.items())
        )


@dataclass
class Crawled:
    pages: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    patterns: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


#: Pages that show the states the world was built for; the crawl must reach each of them.
MUST_REACH = {
    "/marketplace/dashboard/listings/N/",  # revision history, staff's edits included
    "/marketplace/moderation/listings/N/",
    "/marketplace/moderation/attestations/N/",
    "/marketplace/verification/records/N/",
    "/marketplace/introductions/N/",
    "/matching/needs/N/recommendations/",  # team proposal and explanations
    "/search/saved/",
    "/events/registrations/N/",
    "/events/organise/N/",
    "/events/registrations/N/meetings/",
    "/cms/organisations/",
    "/cms/match_feedback/",
    "/cms/search_outbox/",
}


def crawl_role(client: Client, who: str, start: list[str], language: str, checker: Checker, crawled: Crawled):
    check = checker.japanese_page if language == "ja" else checker.english_page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url, response in crawling.crawl(client, start, per_pattern=PER_PATTERN, limit=PAGES_PER_ROLE):
        if response.status_code >= 500:
            crawled.errors.append(f"{who}: GET {url} answered {response.status_code}")
        if not crawling.is_html_page(response):
            continue
        # The CMS pages' language is in their address, not in the cookie: / is Japanese, /en/... English.
        if (url == "/" and language == "en") or (url.startswith("/en/") and language != "en"):
            continue
        page = read(response.content.decode())
        if page.lang != language:
            checker.problems[f"page in {page.lang!r}, not {language!r}"].add(f"{who} {url}")
            continue
        crawled.pages[who] += 1
        crawled.patterns.add(crawling.url_pattern(url.split("?")[0]))
        check(f"{who} {url}", page)


# --- the tests ------------------------------------------------------------------------------------------------


@pytest.fixture
def world(db, isolated_media, security_categories, settings):
    settings.SEARCH_SYNC_ON_COMMIT = False
    built = japanese_world()
    call_command("search_reindex", stdout=io.StringIO())
    return built


def make_checker() -> Checker:
    return Checker(
        code_pattern(choice_codes()),
        english_phrases(),
        japanese_phrases(),
        user_content_pattern(),
        upstream_msgids(),
    )


def crawl_every_role(world, language: str, more_start: list[str]) -> tuple[Checker, Crawled]:
    checker = make_checker()
    crawled = Crawled()
    for who, (user, start) in roles(world).items():
        cache.clear()
        client = client_for(user) if user else Client()
        crawl_role(client, who, [*start, *more_start], language, checker, crawled)
    return checker, crawled


def test_every_page_of_every_role_is_japanese_without_codes_or_english(world):
    checker, crawled = crawl_every_role(world, "ja", [])
    staff = client_for(world.made["staff"])
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    for url, response in crawling.crawl(
        staff, CMS_START, skipped=CMS_SKIPPED, per_pattern=2, limit=CMS_PAGES
    ):
        if not CMS_ONLY.search(url) or not crawling.is_html_page(response):
            continue
        crawled.pages["staff in the Wagtail admin"] += 1
        crawled.patterns.add(crawling.url_pattern(url.split("?")[0]))
        page = read(response.content.decode())
        checker.japanese_page(f"cms {url}", page, wagtail=True)

    figures = (
        f"{len(crawled.pages)} roles, {sum(crawled.pages.values())} Japanese pages ({dict(crawled.pages)}); "
        f"{len(choice_codes())} codes and {len(checker.english)} English strings checked"
    )
    print(figures)  # noqa: T201 - the figures for the README
    assert not crawled.errors, "\n".join(crawled.errors)
    assert set(crawled.pages) == {*roles(world), "staff in the Wagtail admin"}
    assert crawled.patterns >= MUST_REACH, f"pages the crawl missed: {sorted(MUST_REACH - crawled.patterns)}"
    team = client_for(world.made["company_owner"]).get(
        f"/matching/needs/{world.made['team_need'].pk}/recommendations/"
    )
    assert 'class="card team"' in team.content.decode(), "the world has no team proposal to check"
    assert not checker.problems, f"{figures}\n{checker.report()}"


def test_every_page_of_every_role_is_english_with_the_english_cookie(world):
    checker, crawled = crawl_every_role(world, "en", ["/en/"])
    figures = (
        f"{sum(crawled.pages.values())} English pages ({dict(crawled.pages)}); "
        f"{len(checker.japanese)} Japanese strings checked"
    )
    print(figures)  # noqa: T201 - the figures for the README
    assert not crawled.errors, "\n".join(crawled.errors)
    assert not checker.problems, f"{figures}\n{checker.report()}"


def test_attendee_export_and_calendar_files_are_japanese(world):
    checker = make_checker()
    organiser = client_for(world.made["organiser"])
    organiser.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    response = organiser.get(world.made["export"])
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert body
    questions = {q.text for q in world.made["event"].questions.all()}
    english_headers = [cell for cell in header if re.fullmatch(r"[a-z_]+", cell) and cell not in questions]
    assert not english_headers, f"English CSV headers: {english_headers}"
    codes = sorted({match.group(1) for row in body for cell in row for match in checker.codes.finditer(cell)})
    assert not codes, f"codes in the CSV export: {codes}"
    assert {"yes", "no"}.isdisjoint(cell for row in body for cell in row)

    attendee = client_for(world.made["company_owner"])
    attendee.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    registration = Registration.objects.get(event=world.made["event"], user=world.made["company_owner"])
    calendar = attendee.get(f"/events/registrations/{registration.pk}/event.ics").content.decode()
    assert "BEGIN:VEVENT" in calendar
    assert "Meetup:" not in calendar
    assert "SUMMARY:情報交換会: " in calendar
