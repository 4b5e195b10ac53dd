"""Text that organisers and members type is shown as text: in forms built from it, in links and in the CSV export."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from cpsplatform.organisations.models import OrganisationKind
from cpsplatform.templatetags.weblinks import web_url
from events.services import registration as event_services
from tests.events.conftest import make_event, make_org, make_user
from tests.factories import client_for, give_totp
from tests.marketplace.factories import make_listing

SCRIPT = '<script>alert("fee")</script><img src=x onerror=alert(1)>'


class _ScriptFinder(HTMLParser):
    """Every <script> body and every on* attribute of a page."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self.handlers += [value or "" for name, value in attrs if name.startswith("on")]

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def executable_parts(html: str) -> _ScriptFinder:
    finder = _ScriptFinder()
    finder.feed(html)
    return finder


def test_meetup_fee_note_is_shown_as_text_on_the_registration_form(db):
    event = make_event(meetup_capacity=5)
    event.meetup.fee_note = SCRIPT
    event.meetup.save(update_fields=["fee_note"])
    page = client_for(make_user()).get(reverse("events:register", args=[event.pk])).content.decode()
    found = executable_parts(page)
    assert not any("fee" in script for script in found.scripts)
    assert "alert(1)" not in " ".join(found.handlers)
    assert "&lt;script&gt;alert(&quot;fee&quot;)&lt;/script&gt;" in page


def test_question_text_is_shown_as_text_on_the_registration_form(db):
    event = make_event()
    event.questions.create(text=SCRIPT, kind="short_text")
    page = client_for(make_user()).get(reverse("events:register", args=[event.pk])).content.decode()
    found = executable_parts(page)
    assert not any("fee" in script for script in found.scripts)
    assert "alert(1)" not in " ".join(found.handlers)


def test_attendee_export_defuses_formulas_in_question_headers(db):
    organiser_org = make_org(OrganisationKind.EVENT_ORGANISER)
    organiser = make_user(organiser_org, role="admin")
    give_totp(organiser)  # the export takes a second factor
    event = make_event(organiser_org)
    formulas = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "Topics?"]
    for order, text in enumerate(formulas):
        event.questions.create(order=order, text=text, kind="short_text")
    event_services.do_register(event=event, user=make_user(), organisation=None)
    response = client_for(organiser).get(reverse("events:export_csv", args=[event.pk]))
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[-5:] == [
        '\'=HYPERLINK("https://evil.example","x")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "Topics?",
    ]


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "https:/no-host",
        "http://[::1",
    ],
)
def test_only_web_addresses_become_links(address):
    assert web_url(address) == ""


def test_web_addresses_stay_as_they_are():
    assert web_url("https://example.co.jp/製品?a=1&b=2") == "https://example.co.jp/製品?a=1&b=2"
    assert web_url("HTTP://example.org") == "HTTP://example.org"


def test_a_stored_javascript_address_is_not_a_link_on_the_listing_page(db):
    listing = make_listing(website="javascript:alert(document.cookie)")
    page = Client().get(reverse("marketplace:listing_detail", args=[listing.pk])).content.decode()
    assert "javascript:" not in page
