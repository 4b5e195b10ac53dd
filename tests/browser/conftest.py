"""Headless Chromium for browser tests, driven by Playwright against pytest-django's ``live_server``.

Use the ``page`` fixture (a fresh browser context per test, English UI unless ``browser_locale`` is overridden) and
``live_server.url``. The live server runs in this process, so ``django.core.mail.outbox`` holds the mails it sends
(``EMAIL_URL=locmem:`` in tests). Mark browser tests ``@pytest.mark.browser``; they need ``transactional_db``
(requested by ``live_server``).
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Upper bound for any single wait in a browser test, in milliseconds.
TIMEOUT_MS = 15_000


@pytest.fixture
def browser(live_server, monkeypatch):
    """Chromium for one test. Not session-wide: while Playwright's sync API runs, this thread has a running event
    loop, and Django refuses synchronous database work there (test database set-up, other tests' queries). So it
    starts after ``live_server`` (and the database) and stops before them; inside the test the ORM is allowed.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


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
