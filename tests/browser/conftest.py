"""Headless Chromium for browser tests, driven by Playwright against pytest-django's ``live_server``.

Use the ``page`` fixture (a fresh browser context per test, English UI unless ``browser_locale`` is overridden) and
``live_server.url``, or ``page_as(user)`` for pages already logged in as one user or another (signed in as ``tests.factories.login`` does:
a second factor counts as passed when the user has one). The live server runs in this process, so ``django.core.mail.outbox`` holds the mails it sends
(``EMAIL_URL=locmem:`` in tests). Mark browser tests ``@pytest.mark.browser``; they need ``transactional_db``
(requested by ``live_server``).
"""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

from tests.factories import login

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Upper bound for any single wait in a browser test, in milliseconds.
TIMEOUT_MS = 20_000


@contextmanager
def launch_chromium(monkeypatch):
    """Debian's Chromium, headless, with the thread allowed synchronous ORM work while Playwright's loop runs.

    While that loop runs, Django keeps the connections the test opens in the loop's context instead of the thread's
    (asgiref's ``Local``), where pytest-django's teardown no longer sees them once Playwright has stopped: they are
    closed here, before it stops, or one stays open and the test database cannot be dropped at the end ("is being
    accessed by other users").
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()


def daphne_page(browser, server, user, **context_options):
    """A page logged in as ``user`` on a separate daphne server (``tests.discussions.live.DaphneServer``), whose
    sessions live in the shared database: the session cookie comes from it, the UI is English unless
    ``context_options`` say otherwise."""
    from tests.discussions.helpers import session_cookie

    context_options.setdefault("locale", "en-US")
    context = browser.new_context(base_url=server.origin, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies(
        [
            {"name": "sessionid", "value": session_cookie(user), "domain": "127.0.0.1", "path": "/"},
            {"name": "django_language", "value": "en", "domain": "127.0.0.1", "path": "/"},
        ]
    )
    return context.new_page()


@pytest.fixture
def browser(live_server, monkeypatch):
    """Chromium for one test. Not session-wide: while Playwright's sync API runs, this thread has a running event
    loop, and Django refuses synchronous database work there (test database set-up, other tests' queries). So it
    starts after ``live_server`` (and the database) and stops before them; inside the test the ORM is allowed.
    """
    with launch_chromium(monkeypatch) as browser:
        yield browser


@pytest.fixture
def browser_locale() -> str:
    return "en-US"


@pytest.fixture
def page(browser, live_server, browser_locale):
    cache.clear()  # allauth's rate limits count per IP, and every browser request comes from 127.0.0.1
    context = browser.new_context(locale=browser_locale, base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_as(browser, live_server, browser_locale):
    """``page_as(user, **context_options)``: a page in a context of its own, logged in as ``user`` (the session
    cookie of Django's test client: no login form, no rate limit). ``context_options`` go to
    ``browser.new_context`` (e.g. ``timezone_id``); the contexts are closed after the test."""
    contexts = []

    def open_page(user, **context_options):
        client = login(Client(), user)
        context_options.setdefault("base_url", live_server.url)
        context_options.setdefault("locale", browser_locale)
        context = browser.new_context(**context_options)
        contexts.append(context)
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
