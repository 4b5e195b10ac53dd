"""Stored markup never runs: script in every user-editable text field, every page crawled as five kinds of viewer.

How it works:

1. ``tests.crawling.scenario`` builds one small but complete world: a vendor with a published listing (image, case study,
   verification record, trial attestation), a user company with a need (attachment) and an introduction, an
   organiser's event (meetup, programme, questions, registrations with answers, a meeting, a material), a chat
   channel (messages, a reaction, a report, a hidden message) and a saved search.
2. ``user_text_fields`` discovers the text fields generically: every concrete model of the project's apps, every
   ``CharField``/``TextField`` (``URLField`` included) that is editable and free text (no choices, no slug or
   e-mail), minus the few fields the server writes itself (``SERVER_WRITTEN``, each with its reason), plus file
   names that come from an upload (``UPLOADED_NAMES``). A new model or field is covered without touching this test;
   the test fails if such a field has no rows to fill (extend the scenario).
3. Every row of every such field gets a payload with a marker of its own (``<script>``, an attribute break-out and
   an ``onerror`` handler; a ``javascript:`` address for URL fields), written straight to the database as an
   import or the admin could, so that no input validation hides an output defect. Chat messages are re-rendered
   (``body_html``) and the search indexes rebuilt from the poisoned rows.
4. The shared crawler (``tests.crawling``) follows the links of the site from its main pages as anonymous, a member of an unrelated
   organisation, the owning vendor and user company, the event organiser and staff, and parses every HTML answer:
   no payload marker inside a ``<script>`` element or an ``on*`` attribute, no ``javascript:`` link, never a raw
   payload, and the same for HTML carried in the pages' JSON islands (``*_html`` values the chat inserts).
5. Coverage is asserted, not assumed: every payload marker must have been seen (escaped) on at least one page,
   except the fields in ``NOT_SHOWN`` — which must then really appear nowhere.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.test import Client

from cpsplatform.discussions.formatting import render_body
from cpsplatform.discussions.models import Message
from tests import crawling
from tests.factories import client_for

PROJECT_APPS = ("cpsplatform", "marketplace", "events", "matching", "search")

#: Text the server writes itself; a person never types it. (model label, field) → why it is left out.
SERVER_WRITTEN: dict[tuple[str, str], str] = {
    ("accounts.User", "password"): "a password hash",
    ("audit.AuditLogEntry", "action"): "a dotted action code from the code",
    ("audit.AuditLogEntry", "object_id"): "a primary key",
    ("home.HomePage", "path"): "Wagtail's tree path",
    ("home.HomePage", "url_path"): "Wagtail's URL path, derived from slugs",
    ("discussions.Channel", "key"): "an internal key for introduction and event channels",
    (
        "discussions.Message",
        "body_html",
    ): "rendered from the body by discussions.formatting (re-rendered here)",
    ("discussions.Message", "client_ref"): "an opaque id the chat script picks to match its echo",
    ("discussions.Reaction", "emoji"): "one of the fixed REACTIONS; anything else is refused",
    ("discussions.PresenceConnection", "channel_name"): "a Channels connection name",
    ("marketplace.ListingRevision", "action"): "an action code from the code",
    ("marketplace.NeedAttachment", "content_type"): "sniffed from the file by the upload service",
    ("marketplace.IntroductionAttachment", "content_type"): "sniffed from the file by the upload service",
    ("events.Registration", "status_reason"): "a status code from the code",
    ("search.IndexOutbox", "object_id"): "a primary key",
    ("search.IndexOutbox", "last_error"): "an exception text, shown in no page",
    ("notifications.Notification", "kind"): "a registered kind code from the code",
    ("notifications.Notification", "url"): "a path the server reversed (and only followed if on this site)",
    ("notifications.Notification", "dedupe_key"): "a key periodic jobs build from primary keys and dates",
    ("notifications.NotificationPreference", "kind"): "a registered kind code from the code",
}

#: Non-editable fields that nevertheless carry what a person typed: the name of a file they uploaded.
UPLOADED_NAMES = {("marketplace.VerificationRecord", "evidence_file_name")}

#: Fields no page shows, with where they go instead. The test checks that they really appear on no page.
NOT_SHOWN: dict[tuple[str, str], str] = {
    ("accounts.User", "first_name"): "Django's name fields; the platform shows display_name",
    ("accounts.User", "last_name"): "Django's name fields; the platform shows display_name",
    ("home.HomePage", "search_description"): "Wagtail's search description; the templates do not print it",
    ("marketplace.SecurityCategory", "description_ja"): "staff's notes on the taxonomy; pages show the names",
    ("marketplace.SecurityCategory", "description_en"): "staff's notes on the taxonomy; pages show the names",
    ("marketplace.VerificationRecord", "evidence_file_name"): "the download's name (FileResponse quotes it)",
    ("marketplace.TrialAttestation", "status_reason"): "kept with the staff decision; no page prints it",
    ("events.Answer", "value"): "only in the organiser's CSV export (formulas defused there)",
    ("discussions.Message", "hidden_reason"): "sent to the chat as JSON; chat.js sets it with textContent",
}

MARKER = re.compile(r"XSS(\d{3})x(\d+)")


def payloads(index: int, pk: int) -> list[str]:
    """From the most to the least elaborate; the longest one that fits the column is stored."""
    marker = f"XSS{index:03d}x{pk}"
    return [
        f'<script>alert("{marker}")</script>"><img src=x onerror=alert("{marker}")>',
        f'"><script>{marker}</script>',
        f"<s>{marker}",
        f"<s>XSS{index:03d}x{pk % 1000}",  # for 13-character columns (rows of one scenario stay distinct)
    ]


def url_payloads(index: int, pk: int) -> list[str]:
    """A ``javascript:`` address (must never become a link) and a web address that tries to leave its attribute
    (must be shown, escaped); rows take them in turn."""
    marker = f"XSS{index:03d}x{pk}"
    return [
        f"javascript:alert('{marker}')//https://example.org/",
        f"https://example.org/{marker}/\"><script>alert('{marker}')</script>",
    ]


# --- discovering the fields -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextField:
    index: int
    model: type[models.Model]
    name: str
    is_url: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.model._meta.label, self.name)

    def __str__(self) -> str:
        return f"{self.model._meta.label}.{self.name}"


def project_models() -> Iterator[type[models.Model]]:
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in PROJECT_APPS:
            continue
        for model in config.get_models():
            if model._meta.managed and not model._meta.proxy and not model._meta.abstract:
                yield model


def is_user_text(model: type[models.Model], model_field: models.Field) -> bool:
    key = (model._meta.label, model_field.name)
    if key in UPLOADED_NAMES:
        return True
    if key in SERVER_WRITTEN or not model_field.editable or model_field.choices:
        return False
    if isinstance(model_field, (models.SlugField, models.EmailField)):
        return False
    if type(model_field).__name__ == "RichTextField":
        return False  # Wagtail rich text: HTML on purpose, written by staff through Draftail's whitelist
    return isinstance(model_field, (models.CharField, models.TextField))


def user_text_fields() -> list[TextField]:
    found = []
    for model in project_models():
        for model_field in model._meta.concrete_fields:
            if is_user_text(model, model_field):
                is_url = isinstance(model_field, models.URLField)
                found.append(TextField(len(found), model, model_field.name, is_url))
    return found


def poison(fields: list[TextField]) -> tuple[dict[int, int], list[str]]:
    """Write a payload into every row of every field; returns rows per field index and fields without rows."""
    rows: dict[int, int] = {}
    empty = []
    for text_field in fields:
        model_field = text_field.model._meta.get_field(text_field.name)
        limit = getattr(model_field, "max_length", None) or 10_000
        objects = list(text_field.model._base_manager.order_by("pk"))
        if not objects:
            empty.append(str(text_field))
            continue
        for position, obj in enumerate(objects):
            if text_field.is_url:
                value = url_payloads(text_field.index, obj.pk)[position % 2]
            else:
                value = next((p for p in payloads(text_field.index, obj.pk) if len(p) <= limit), None)
                assert value, f"{text_field} is too short for any payload: add a shorter one"
            text_field.model._base_manager.filter(pk=obj.pk).update(**{text_field.name: value})
        rows[text_field.index] = len(objects)
    for message in Message.objects.all():
        message.body_html, _ = render_body(message.body)
        message.save(update_fields=["body_html"])
    return rows, empty


# --- checking a page ------------------------------------------------------------------------------------------


class PageScan(HTMLParser):
    """Executable places (script bodies, on* attributes, javascript: addresses) and JSON islands."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_islands: list[str] = []
        self._script_type: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARKER.search(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in self.URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script_type = (dict(attrs).get("type") or "text/javascript").lower()
            self._script_text = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script_type is not None:
            text = "".join(self._script_text)
            if self._script_type == "application/json":
                self.json_islands.append(text)
            elif MARKER.search(text):
                self.problems.append(f"<script>{text[:120]!r}")
            self._script_type = None

    def handle_data(self, data):
        if self._script_type is not None:
            self._script_text.append(data)


def html_in_json(value, key: str = "") -> Iterator[str]:
    """Strings a script will insert as HTML: the values of keys ending in ``html``."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from html_in_json(v, str(k))
    elif isinstance(value, list):
        for item in value:
            yield from html_in_json(item, key)
    elif isinstance(value, str) and key.lower().endswith("html"):
        yield value


def scan(html: str, raw_payloads: list[str]) -> PageScan:
    page = PageScan()
    page.feed(html)
    page.close()
    for island in page.json_islands:
        for fragment in html_in_json(json.loads(island)):
            inner = scan(fragment, raw_payloads)
            page.problems += [f"in JSON *_html: {problem}" for problem in inner.problems]
    page.problems += [f"raw payload {p[:60]!r}" for p in raw_payloads if p in html]
    return page


# --- crawling -------------------------------------------------------------------------------------------------


@dataclass
class Crawl:
    pages: int = 0
    requests_by_viewer: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seen: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # field index → URLs
    problems: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def crawl(client: Client, who: str, start: list[str], raw_payloads: list[str], result: Crawl) -> None:
    for url, response in crawling.crawl(client, start):
        result.requests_by_viewer[who] += 1
        if response.status_code >= 500:
            result.errors.append(f"{who}: GET {url} answered {response.status_code}")
            continue
        if not crawling.is_html_page(response):
            continue
        result.pages += 1
        html = response.content.decode()
        page = scan(html, raw_payloads)
        result.problems += [f"{who} {url}: {problem}" for problem in page.problems]
        for match in MARKER.finditer(html):
            result.seen[int(match.group(1))].add(url)


# --- the test -------------------------------------------------------------------------------------------------


@pytest.fixture
def poisoned_world(db, isolated_media, security_categories, settings):
    settings.SEARCH_SYNC_ON_COMMIT = False
    world = crawling.scenario()
    fields = user_text_fields()
    rows, empty = poison(fields)
    call_command("search_reindex", stdout=io.StringIO())  # every kind, chat messages included
    return world, fields, rows, empty


def test_stored_markup_is_escaped_on_every_page_for_every_kind_of_viewer(poisoned_world):
    world, fields, rows, empty = poisoned_world
    assert not empty, f"user-editable fields with no rows in the scenario (extend it): {empty}"
    raw = sorted(
        {
            value
            for f in fields
            for value in f.model._base_manager.values_list(f.name, flat=True)
            if value and "<" in value
        }
    )

    result = Crawl()
    # The chat inserts each message's body_html with innerHTML (from WebSocket frames, which are not crawled).
    for message in Message.objects.all():
        result.problems += [
            f"body_html of message {message.pk}: {p}" for p in scan(message.body_html, raw).problems
        ]
    for who, users in world.viewers.items():
        for user in users:
            cache.clear()
            client = client_for(user) if user else Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
            crawl(client, who, crawling.START_PAGES + world.extra_pages, raw, result)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
            crawl(client, f"{who} (en)", crawling.START_PAGES + world.extra_pages, raw, result)

    unseen = [str(f) for f in fields if f.index not in result.seen and f.key not in NOT_SHOWN]
    shown_after_all = [str(f) for f in fields if f.index in result.seen and f.key in NOT_SHOWN]
    report = (
        f"{len(fields)} user-editable text fields in {len({f.model for f in fields})} models, "
        f"{sum(rows.values())} rows poisoned; {result.pages} HTML pages parsed "
        f"({dict(result.requests_by_viewer)} requests); "
        f"{len(result.seen)} fields seen escaped on pages, {len(NOT_SHOWN)} printed by no page (NOT_SHOWN)"
    )
    print(report)  # noqa: T201 - the figures for the README
    assert not result.errors, "\n".join(result.errors)
    assert not result.problems, "unescaped stored markup:\n" + "\n".join(sorted(set(result.problems))[:80])
    assert not unseen, (
        f"{report}\nfields whose marker no crawled page showed (crawl more, or NOT_SHOWN): {unseen}"
    )
    assert not shown_after_all, f"fields in NOT_SHOWN that a page does show: {shown_after_all}"
