"""Malformed input never gets a 5xx, and refused input changes nothing (issue 10, "Done when").

Endpoints are found, not listed: every URL rule of the project's apps (``tests/access/<app label>.py``, the same rules the
access matrix checks) is built with its own ``setup`` and requested as an actor who may use it. Every ``<form>`` on
the pages found that way (and on the allauth pages) is parsed, and each distinct form (by the view it posts to and
its field names) receives at least ``VARIANTS_PER_FORM`` deterministic malformed variants: overlong text, NUL,
lone surrogates (as the invalid UTF-8 ``%ED%A0%80``), wrong types, huge and negative numbers, missing and
duplicated fields, impossible dates, made-up ids. POST routes without a form of their own get the same treatment
with the field names such routes read. The chat consumer gets its malformed frames over one real connection.

For each request: the status must be below 500; and when the input is refused (a 4xx, or a form re-rendered with
errors) the database fingerprint (row count and highest id of every table) must not have moved.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import pytest
from channels.db import database_sync_to_async
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from cpsplatform.discussions import services as chat_services
from cpsplatform.discussions.models import ChannelKind, Message
from cpsplatform.organisations.models import OrganisationKind
from tests.access.rules import (
    Delegated,
    LoginRequired,
    OrgScoped,
    Public,
    StaffOnly,
    UserScoped,
    collect_rules,
)
from tests.discussions.conftest import make_person, redis_layer_settings
from tests.discussions.helpers import connect
from tests.factories import give_totp, login, make_member, make_organisation, make_staff, make_user

VARIANTS_PER_FORM = 200
URLENCODED = "application/x-www-form-urlencoded"
# The fingerprint covers the tables the project's forms can write: its own apps', the accounts' and allauth's.
PROJECT_APPS = {
    "account", "accounts", "auth", "audit", "discussions", "events", "home", "marketplace", "matching",
    "organisations", "search",
}  # fmt: skip
# Tables every request may touch whatever its outcome: the session (messages, the active organisation).
VOLATILE_TABLES = {"django_session"}

# --- the generator ------------------------------------------------------------------------------------------------

# Values already percent-encoded (so they can carry bytes that are not UTF-8), each a kind of malformation.
BAD_VALUES: tuple[str, ...] = (
    "",
    "%20%20",
    quote("x" * 5000),
    quote("長" * 3000),
    "%00",
    "a%00b",
    "%ED%A0%80",  # a lone surrogate, "\ud800", as (invalid) UTF-8
    "x%ED%B0%80y",
    "%FF%FE",
    "%C0%AF",
    "-1",
    "0",
    str(10**30),
    str(-(10**30)),
    "9223372036854775808",
    "1e309",
    "NaN",
    "1.5",
    "abc",
    quote("１２３"),
    "0000-00-00",
    "2026-02-30",
    quote("9999-12-31T25:61"),
    "2026-13-01",
    quote("31/12/2026"),
    quote("<script>alert(1)</script>"),
    quote("' OR 1=1 --"),
    quote("../../etc/passwd"),
    "true",
    quote("[]"),
    quote('{"a": 1}'),
    quote("😀" * 200),
    quote("\u202e\u200b"),
    quote("\r\n\t"),
    quote("javascript:alert(1)"),
    "%25%30%30",
)

# What POST routes without a form of their own read from the request.
BLIND_FIELDS = (
    "id",
    "pk",
    "q",
    "delete",
    "member",
    "report",
    "next",
    "organisation",
    "action",
    "status",
    "email",
)


@dataclass
class Form:
    method: str
    action: str  # absolute path (with query string, if any)
    multipart: bool
    fields: list[tuple[str, str]] = field(default_factory=list)  # (name, sample value), in page order


def _encode(pairs: list[tuple[str, str]]) -> str:
    """Pairs whose values are already percent-encoded (``BAD_VALUES``) or plain (samples are quoted here)."""
    return "&".join(f"{quote(name)}={value}" for name, value in pairs)


def variants(form: Form) -> list[str]:
    """``VARIANTS_PER_FORM`` distinct, deterministic malformed url-encoded bodies (or query strings) for ``form``.

    The kinds of malformation are interleaved, so a form with many fields still gets every kind.
    """
    base = [(name, quote(value)) for name, value in form.fields]
    names = list(dict.fromkeys(name for name, _ in base)) or list(BLIND_FIELDS)
    if not base:
        base = [(name, "1") for name in names]
    nb, nn = len(BAD_VALUES), len(names)

    def one_bad():  # one field takes a bad value, the others keep theirs; each round shifts the pairing
        for k in itertools.count():
            bad, name = BAD_VALUES[k % nb], names[(k + k // nb) % nn]
            rounds = k // (nb * nn)  # later rounds wrap the bad value so every variant stays distinct
            bad = (bad, bad + bad, "1" + bad, bad + "%00", f"{bad}{rounds}")[min(rounds, 4)]
            yield _encode([(n, bad if n == name else v) for n, v in base])

    def missing():  # each field dropped, then all of them
        for name in names:
            yield _encode([(n, v) for n, v in base if n != name])
        yield ""

    def duplicated():  # the sample and a bad value side by side, in both orders
        for k, bad in enumerate(BAD_VALUES):
            name = names[k % nn]
            yield _encode([*base, (name, bad)])
            yield _encode([(name, bad), *base])

    def all_bad():  # every field bad at once, and unknown extra fields
        for bad in BAD_VALUES:
            yield _encode([(n, bad) for n, _ in base])
            yield _encode([*base, ("%00", bad), (quote("x" * 300), bad)])

    def two_bad():
        for k in itertools.count():
            first, second = names[k % nn], names[(k * 7 + 1) % nn]
            yield _encode(
                [(n, BAD_VALUES[k % nb] if n == first else BAD_VALUES[(k * 5 + 3) % nb] if n == second else v)
                 for n, v in base]
            )  # fmt: skip

    sources = [one_bad(), missing(), duplicated(), all_bad(), two_bad()]
    chosen: dict[str, None] = {}
    for source in itertools.cycle(sources):
        if len(chosen) >= VARIANTS_PER_FORM:
            break
        body = next(source, None)
        if body is not None:
            chosen[body] = None
    return list(chosen)


# --- finding forms ------------------------------------------------------------------------------------------------


class FormParser(HTMLParser):
    """Every <form> of a page with its named inputs, selects and textareas and a plausible value for each."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page_url, a.get("action") or self.page_url)
            self.current = Form(
                method=(a.get("method") or "get").upper(),
                action=urlsplit(action).path
                + (f"?{urlsplit(action).query}" if urlsplit(action).query else ""),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self.current)
        elif self.current is None or not a.get("name"):
            return
        elif tag == "input":
            if a.get("type") in ("submit", "button", "image", "reset") or a["name"] == "csrfmiddlewaretoken":
                if a.get("type") == "submit" and a.get("value"):
                    self.current.fields.append((a["name"], a["value"]))
                return
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.current.fields.append((a["name"], a.get("value") or "1"))
        elif tag == "button" and a.get("value"):
            self.current.fields.append((a["name"], a["value"]))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select:
            self.current.fields.append((self.select, a.get("value", "")))
            self.select = None  # the first option stands for the select
        elif tag == "textarea":
            self.current.fields.append((a["name"], "text"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def forms_on(client: Client, url: str) -> list[Form]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser(url)
    parser.feed(response.content.decode())
    return parser.forms


def form_key(form: Form) -> tuple[str, str, tuple[str, ...]]:
    """Forms are the same when they go to the same view with the same field names (the logout form is one)."""
    try:
        view = resolve(urlsplit(form.action).path).view_name
    except Resolver404:
        view = form.action
    return form.method, view, tuple(sorted({name for name, _ in form.fields}))


# --- the database fingerprint -------------------------------------------------------------------------------------


def _tables() -> list[tuple[str, str | None]]:
    """Every table, with its integer primary key column (None when the key is not a number)."""
    seen = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if (
            meta.app_label in PROJECT_APPS
            and meta.managed
            and not meta.proxy
            and meta.db_table not in VOLATILE_TABLES
        ):
            numeric = meta.pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")
            seen[meta.db_table] = meta.pk.column if numeric else None
    return sorted(seen.items())


def fingerprint() -> tuple:
    """Row count and highest primary key of every table (cheap, and moves with any insert or delete)."""
    quote_name = connection.ops.quote_name
    parts = []
    for table, pk in _tables():
        # Table and column names come from the models, quoted by the backend: nothing user-supplied.
        parts.append(f"(SELECT COUNT(*) FROM {quote_name(table)})")  # noqa: S608
        parts.append(f"(SELECT MAX({quote_name(pk)}) FROM {quote_name(table)})" if pk else "0")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))  # noqa: S608
        return cursor.fetchone()


def changed_tables(before: tuple, after: tuple) -> list[str]:
    names = [table for table, _ in _tables()]
    return sorted({names[i // 2] for i, (x, y) in enumerate(zip(before, after, strict=True)) if x != y})


# --- sending ------------------------------------------------------------------------------------------------------


@dataclass
class Tally:
    forms: int = 0
    requests: int = 0
    server_errors: int = 0
    refused_changes: int = 0
    errors: list[str] = field(default_factory=list)
    changed_when_refused: list[str] = field(default_factory=list)


TALLY = Tally()
FUZZED: dict[tuple, int] = {}  # form key -> malformed requests it received (once per test session)


def is_refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    content = response.content if not response.streaming else b""
    return response.status_code == 200 and b'class="errorlist' in content


def fuzz_form(client: Client, form: Form, who: str) -> int:
    """Send the form's malformed variants; record 5xx answers and refused requests that changed rows.

    Returns how many requests were sent.
    """
    TALLY.forms += 1
    sent = 0
    before = fingerprint()
    path, _, fixed_query = form.action.partition("?")
    for body in variants(form):
        if form.method == "GET":
            query = "&".join(part for part in (fixed_query, body) if part)
            response = client.get(f"{path}?{query}" if query else path)
        else:
            response = client.generic("POST", form.action, body.encode("ascii"), content_type=URLENCODED)
        TALLY.requests += 1
        sent += 1
        after = fingerprint()
        label = f"{form.method} {form.action} as {who} [{body[:120]}]"
        if response.status_code >= 500:
            TALLY.server_errors += 1
            TALLY.errors.append(f"{response.status_code} {label}")
        elif is_refused(response) and after != before:
            TALLY.refused_changes += 1
            TALLY.changed_when_refused.append(f"{label} changed {changed_tables(before, after)}")
        before = after
    return sent


def actor_and_url(name: str, rule) -> tuple[object | None, str]:
    """An actor who may use the route, and its URL, built like the access matrix does."""
    if isinstance(rule, OrgScoped):
        owner = make_user()
        owning = make_organisation(kind=rule.org_kinds[0], owner=owner)
        url = reverse(name, kwargs=rule.setup(owning))
        user = owner if rule.roles[0] == "owner" else make_member(owning, role=rule.roles[0]).user
        give_totp(user)  # so a guarded decision reaches its form's validation (cpsplatform.accounts.mfa)
        return user, url
    if isinstance(rule, UserScoped):
        owner = make_user()
        return owner, reverse(name, kwargs=rule.setup(owner))
    if isinstance(rule, StaffOnly):
        return make_staff(), reverse(name, kwargs=rule.setup() if rule.setup else {})
    if isinstance(rule, LoginRequired):
        user = make_organisation(owner=make_user()).memberships.get().user
        return user, reverse(name, kwargs=rule.setup() if rule.setup else {})
    assert isinstance(rule, Public)
    return None, reverse(name, kwargs=rule.setup() if rule.setup else {})


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        login(client, user)
    return client


RULES = collect_rules()
ROUTES = sorted(name for name, rule in RULES.items() if not isinstance(rule, Delegated))
DELEGATED_PAGES = sorted(
    sample.path
    for rule in RULES.values()
    if isinstance(rule, Delegated)
    for sample in rule.samples()
    if sample.method == "GET" and sample.status == 200 and sample.user == "anonymous"
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module", autouse=True)
def _report(request):
    """Print the totals after the module (the figure the README quotes)."""
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(
            f"\nmalformed input: {TALLY.requests} requests and frames over {TALLY.forms} forms and one chat "
            f"connection; {TALLY.server_errors} answered >= 500, {TALLY.refused_changes} refused but changed rows"
        )


def _fuzz_everything_reachable(user, url: str, methods) -> list[tuple[tuple, int]]:
    """Fuzz every form not fuzzed yet on the route's page, or the route itself if it takes POST without a form
    of its own. Returns (form key, requests sent) for each form this call fuzzed, and the keys met again."""
    client = client_for(user)
    seen: list[tuple[tuple, int]] = []
    who = "anonymous" if user is None else ("staff" if user.is_staff else user.email)
    own_form_posted = False
    pages = [url] if "GET" in methods else []
    for page in pages:
        for form in forms_on(client, page):
            if urlsplit(form.action).path == urlsplit(url).path and form.method == "POST":
                own_form_posted = True
            key = form_key(form)
            if key in FUZZED:
                seen.append((key, FUZZED[key]))
                continue
            FUZZED[key] = fuzz_form(client_for(user), form, who)
            seen.append((key, FUZZED[key]))
    if "POST" in methods and not own_form_posted:
        key = ("POST", url, "blind")
        if key not in FUZZED:
            FUZZED[key] = fuzz_form(client_for(user), Form("POST", url, False, []), who)
        seen.append((key, FUZZED[key]))
    return seen


@pytest.mark.parametrize("name", ROUTES)
def test_malformed_input_to_every_form_of_a_route_gets_no_5xx_and_refused_input_changes_nothing(db, name):
    TALLY.errors.clear()
    TALLY.changed_when_refused.clear()
    rule = RULES[name]
    user, url = actor_and_url(name, rule)
    forms = _fuzz_everything_reachable(user, url, rule.methods)
    if "POST" in rule.methods:
        assert forms, f"{url}: no form found and none sent"
    assert all(sent >= VARIANTS_PER_FORM for _, sent in forms), forms
    assert not TALLY.errors, f"{len(TALLY.errors)} answers >= 500:\n" + "\n".join(TALLY.errors[:20])
    assert not TALLY.changed_when_refused, "refused input changed rows:\n" + "\n".join(
        TALLY.changed_when_refused[:20]
    )


@pytest.mark.parametrize("path", DELEGATED_PAGES)
def test_malformed_input_to_the_account_forms_gets_no_5xx_and_refused_input_changes_nothing(db, path):
    TALLY.errors.clear()
    TALLY.changed_when_refused.clear()
    forms = _fuzz_everything_reachable(None, path, ("GET",))
    assert forms, f"{path}: no form found"
    assert all(sent >= VARIANTS_PER_FORM for _, sent in forms), forms
    assert not TALLY.errors, f"{len(TALLY.errors)} answers >= 500:\n" + "\n".join(TALLY.errors[:20])
    assert not TALLY.changed_when_refused, "refused input changed rows:\n" + "\n".join(
        TALLY.changed_when_refused[:20]
    )


def test_the_generator_gives_every_form_at_least_200_distinct_malformed_variants():
    tiny = Form("POST", "/x/", False, [("q", "a")])
    wide = Form("POST", "/x/", True, [(f"f{i}", "v") for i in range(12)])
    for form in (tiny, wide, Form("POST", "/x/", False, [])):
        bodies = list(variants(form))
        assert len(set(bodies)) >= VARIANTS_PER_FORM
    assert any("%ED%A0%80" in body for body in variants(tiny))
    assert any("%00" in body for body in variants(tiny))


# --- the chat consumer --------------------------------------------------------------------------------------------


def _frames(slug: str) -> Iterator[str | bytes]:
    """Malformed chat frames (text, or binary where bytes); each must be answered with an error frame."""
    yield from [
        b"\x00\xff",
        b"{}",
        " ",
        "{",
        "}",
        "nul",
        '{"type": "send"',
        "[1, 2",
        "\x00",
        '{"type": "ping"}x',
        "[" * 5000 + "]" * 5000,
    ]
    yield from [
        "[]",
        "1",
        '"send"',
        "null",
        "true",
        "3.5",
        '{"type": 1}',
        '{"type": null}',
        "{}",
        '{"type": []}',
    ]
    yield json.dumps({"type": "ping", "pad": "x" * 9000})
    for name in ["x", "SEND", "send ", "send\x00", "\ud800", "x" * 500, "__init__", "HANDLERS", "receive"]:
        yield json.dumps({"type": name})
    unclean = ["\x00", "a\x00b", "\ud800", "x\udfffy", "\ud83d"]
    for kind, value in itertools.product(
        ["send", "edit", "subscribe", "history", "react", "members"], unclean
    ):
        yield json.dumps({"type": kind, "channel": slug, "body": value, "seq": 1, "emoji": "👍"})
        yield json.dumps({"type": kind, "channel": slug, value: 1})
        yield json.dumps({"type": kind, "channel": slug, "ref": value, "nested": [{"deep": [value]}]})
    yield "[" * 100 + "]" * 100
    bad_channels = [123, [], {}, None, "", "x" * 100, "no-such-channel", "\u202e", True]
    bad_numbers = [-1, 10**30, -(10**30), "1", 1.5, [], {}, True, None, "abc"]
    for kind in ["subscribe", "send", "history", "members", "presence", "typing", "unsubscribe", "mark_read"]:
        for channel in bad_channels:
            if kind == "unsubscribe" and isinstance(channel, str) and 0 < len(channel) <= 80:
                continue  # leaving a channel one is not in is not an error: nothing to answer
            yield json.dumps({"type": kind, "channel": channel})
    for kind, key in [
        ("subscribe", "after"),
        ("subscribe", "changes_after"),
        ("history", "before"),
        ("history", "limit"),
        ("send", "reply_to"),
        ("edit", "seq"),
        ("delete", "seq"),
        ("react", "seq"),
        ("report", "seq"),
        ("hide", "seq"),
        ("mark_read", "seq"),
    ]:
        for number in bad_numbers:
            if key in ("after", "changes_after", "before", "limit", "reply_to") and number is None:
                continue  # optional: None means "not given"
            yield json.dumps({"type": kind, "channel": slug, key: number, "emoji": "👍", "reason": "r"})
    for body in [None, 5, [], {}, "", " " * 10, "x" * 20000]:
        yield json.dumps({"type": "send", "channel": slug, "body": body})[:8000]
    for add in ["yes", 1, None, []]:
        yield json.dumps({"type": "react", "channel": slug, "seq": 1, "emoji": "👍", "add": add})
    for emoji in [5, "", "x" * 40, None]:
        yield json.dumps({"type": "react", "channel": slug, "seq": 1, "emoji": emoji})


@database_sync_to_async
def _chat_room():
    org = make_organisation(kind=OrganisationKind.USER_COMPANY)
    alice = make_person(org, display_name="Alice")
    bob = make_person(org, display_name="Bob")
    channel = chat_services.do_create_channel(kind=ChannelKind.PRIVATE, name="Fuzz room", created_by=alice)
    chat_services.do_add_member(channel, bob, added_by=alice)
    chat_services.do_send_message(channel, alice, body="the one message", topic="t")
    return channel, bob


@database_sync_to_async
def _messages_fingerprint(channel) -> tuple:
    return tuple(
        Message.objects.filter(channel=channel)
        .order_by("seq")
        .values_list("seq", "body", "edited_at", "deleted_at", "hidden_at")
    )


@pytest.mark.django_db(transaction=True)
async def test_malformed_chat_frames_over_one_connection_are_each_answered_with_an_error_and_change_nothing(
    settings,
):
    settings.CHANNEL_LAYERS = redis_layer_settings()
    channel, bob = await _chat_room()
    accepted, client = await connect(bob)
    assert accepted
    before = await _messages_fingerprint(channel)
    frames = list(_frames(channel.slug))
    assert len(frames) >= VARIANTS_PER_FORM
    reasons: dict[str, int] = {}
    for text in frames:
        if isinstance(text, bytes):
            await client.ws.send_to(bytes_data=text)
        else:
            await client.ws.send_to(text_data=text)
        while True:  # skip frames that are not answers (presence and typing events of the room)
            answer = json.loads(await client.ws.receive_from(5))
            if answer.get("type") in ("error", "ack", "subscribed", "history", "members", "presence_list"):
                break
        assert answer["type"] == "error", f"{text[:100]!r} was accepted: {answer}"
        assert answer["reason"] != "internal", f"{text[:100]!r} caused an internal error"
        reasons[answer["reason"]] = reasons.get(answer["reason"], 0) + 1
    await client.ws.send_to(text_data=json.dumps({"type": "channels", "ref": "still-open"}))
    assert json.loads(await client.ws.receive_from(5)).get("ref") == "still-open"
    assert await _messages_fingerprint(channel) == before
    TALLY.requests += len(frames)
    await client.ws.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_lone_surrogate_in_a_chat_message_is_refused_with_an_error_frame_not_an_internal_error(
    settings,
):
    settings.CHANNEL_LAYERS = redis_layer_settings()
    channel, bob = await _chat_room()
    _, client = await connect(bob)
    await client.ws.send_to(text_data=json.dumps({"type": "send", "channel": channel.slug, "body": "\ud800"}))
    answer = json.loads(await client.ws.receive_from(5))
    assert answer["type"] == "error" and answer["reason"] == "invalid_text"
    await client.ws.send_to(
        text_data=json.dumps({"type": "send", "channel": channel.slug, "body": "fine", "ref": 1})
    )
    assert json.loads(await client.ws.receive_from(5))["type"] == "ack"
    await client.ws.disconnect()
