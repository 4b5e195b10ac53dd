"""The Content-Security-Policy (``cpsplatform/csp.py``): every response carries it, and no template needs more.

The browser side (no violation while the main pages and the chat run) is ``tests/browser/test_csp.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver

from tests.factories import client_for, make_organisation, make_staff, make_user
from tests.test_access_matrix import walk

TEMPLATE_DIRS = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]] + [
    Path(settings.BASE_DIR) / app for app in ("cpsplatform", "marketplace", "events", "matching", "search")
]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def project_templates() -> list[Path]:
    found = {p for d in TEMPLATE_DIRS for p in d.rglob("*.html") if "templates" in p.parts}
    return sorted(found)


def test_no_template_has_inline_script_or_event_handlers():
    """Inline code would be refused by ``script-src 'self'``; behaviour belongs in ``static/``."""
    templates = project_templates()
    assert len(templates) > 50, "the template walk found too few templates to mean anything"
    offences = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for match in SCRIPT_TAG.finditer(text):
            attributes = match.group(1)
            if "src=" not in attributes and 'type="application/json"' not in attributes:
                offences.append(f"{path}: inline <script{attributes}>")
        offences += [
            f"{path}: event handler attribute {m.group(0)!r}" for m in HANDLER_ATTRIBUTE.finditer(text)
        ]
        offences += [f"{path}: javascript: URL" for _ in JAVASCRIPT_URL.finditer(text)]
    assert not offences, "\n".join(offences)


@pytest.mark.django_db
def test_site_pages_allow_only_their_own_scripts_and_the_chat_websocket():
    response = Client().get("/", HTTP_HOST="localhost:8000")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'self'" and policy["form-action"] == "'self'"
    assert policy["connect-src"] == "'self' ws://localhost:8000 wss://localhost:8000"


@pytest.mark.django_db
def test_pages_served_over_tls_allow_only_the_secure_websocket():
    response = Client().get("/", secure=True, HTTP_HOST="localhost")
    assert directives(response["Content-Security-Policy"])["connect-src"] == "'self' wss://localhost"


@pytest.mark.django_db
def test_admin_pages_keep_framing_rules_but_may_run_their_own_inline_scripts():
    client = client_for(make_staff())
    for url in ("/cms/", "/cms/audit/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert "script-src" not in policy and "default-src" not in policy, url
        assert policy["frame-ancestors"] == "'self'" and policy["object-src"] == "'none'", url


@pytest.mark.django_db
def test_report_only_mode_sends_the_policy_under_the_report_only_header(settings):
    settings.CSP_REPORT_ONLY = True
    response = Client().get("/")
    assert "Content-Security-Policy" not in response
    assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


@pytest.mark.django_db
def test_every_url_without_parameters_answers_with_the_policy():
    """Every answer the site gives (pages, redirects, refusals, JSON), as anonymous, a member and staff."""
    member = make_user()
    make_organisation(kind="user_company", owner=member)
    viewers = {"anonymous": Client(), "member": client_for(member), "staff": client_for(make_staff())}
    urls = sorted(
        {r.path for r in walk(get_resolver().url_patterns) if "<" not in r.path and "(" not in r.path}
    )
    assert len(urls) > 40
    missing = [
        f"{who} {url} ({response.status_code})"
        for url in urls
        if "logout" not in url and "failwhale" not in url  # Wagtail's deliberate error page
        for who, client in viewers.items()
        if "Content-Security-Policy" not in (response := client.get(url))
    ]
    assert not missing, "answers without a Content-Security-Policy:\n" + "\n".join(missing)
