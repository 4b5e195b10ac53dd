"""Fixtures for the tests that cross apps: navigation, links between the apps' pages, dependency direction."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import login
from tests.search.conftest import clean_indexes, elasticsearch_down, sync_now  # noqa: F401


class Links(HTMLParser):
    """The ``<a>`` links inside one element (``<header>`` by default): (href, text, aria-current)."""

    def __init__(self, within: str = "header") -> None:
        super().__init__()
        self.within = within
        self.depth = 0
        self.links: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == self.within:
            self.depth += 1
        if self.depth and tag == "a":
            values = dict(attrs)
            self._open = {"href": values.get("href"), "current": values.get("aria-current"), "text": ""}

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self._open["text"] = " ".join(self._open["text"].split())
            self.links.append(self._open)
            self._open = None
        if tag == self.within and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data


def header_links(html: str) -> list[dict]:
    parser = Links("header")
    parser.feed(html)
    return parser.links


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def english_client():
    """A client reading English pages, anonymous until ``login``."""
    return english(Client())


def english_client_for(user=None) -> Client:
    """A client reading English pages, logged in as ``user`` (anonymous when None)."""
    client = english(Client())
    return login(client, user) if user is not None else client
