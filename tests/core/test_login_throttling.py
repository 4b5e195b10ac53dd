"""Failed logins are throttled per account *and* client address, with a looser cap per account overall.

An attacker's wrong guesses from one address lock that address out of the account (with a clear message), not the
owner logging in from elsewhere; guesses spread over many addresses meet the per-account cap. The counters live in
the shared cache, so a second server process sees the same ones.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, make_user
from tests.subprocesses import run_in_django

pytestmark = pytest.mark.django_db

EMAIL = "tanaka@example.co.jp"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"
REFUSED = "Too many failed login attempts"


def attempt(client, password: str, address: str, email: str = EMAIL):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_an_attackers_failures_lock_out_the_attacker_not_the_owner(client):
    make_user(email=EMAIL)
    for n in range(5):
        assert REFUSED not in attempt(client, f"wrong-guess-{n}", ATTACKER).content.decode()

    refused = attempt(client, DEFAULT_PASSWORD, ATTACKER)
    assert REFUSED in refused.content.decode()
    assert not logged_in(client)

    owner = Client()
    response = attempt(owner, DEFAULT_PASSWORD, OWNER)
    assert response.status_code == 302
    assert logged_in(owner)


def test_the_japanese_page_says_so_in_japanese(client):
    make_user(email=EMAIL)
    for n in range(5):
        attempt(client, f"wrong-guess-{n}", ATTACKER)

    response = client.post(
        reverse("account_login"),
        {"login": EMAIL, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert response.status_code == 200
    assert "ログイン失敗が連続しています。時間が経ってからやり直してください。" in response.content.decode()
    assert not logged_in(client)


def test_failures_on_one_account_do_not_throttle_the_same_address_on_another(client):
    make_user(email=EMAIL)
    colleague = make_user(email="suzuki@example.co.jp")
    for n in range(5):
        attempt(client, f"wrong-guess-{n}", ATTACKER)

    response = attempt(client, DEFAULT_PASSWORD, ATTACKER, email=colleague.email)
    assert response.status_code == 302


def test_guessing_spread_over_many_addresses_meets_the_per_account_cap(client):
    make_user(email=EMAIL)
    for n in range(30):
        attempt(Client(), f"wrong-guess-{n}", f"192.0.2.{n + 1}")

    owner = Client()
    response = attempt(owner, DEFAULT_PASSWORD, OWNER)
    assert REFUSED in response.content.decode()
    assert not logged_in(owner)


def test_a_successful_login_does_not_count_as_a_failure(client):
    make_user(email=EMAIL)
    for n in range(4):
        attempt(client, f"wrong-guess-{n}", ATTACKER)
    for _ in range(3):
        assert attempt(Client(), DEFAULT_PASSWORD, ATTACKER).status_code == 302

    assert attempt(client, DEFAULT_PASSWORD, ATTACKER).status_code == 302


def test_failures_counted_by_another_server_process_count_here(client):
    """A second process (its own Redis connection) records five failures from the attacker's address."""
    make_user(email=EMAIL)
    script = (
        "import django; django.setup()\n"
        "from allauth.account.adapter import get_adapter\n"
        "from django.core.exceptions import ValidationError\n"
        "from django.test import RequestFactory\n"
        f"request = RequestFactory().post('/accounts/login/', REMOTE_ADDR={ATTACKER!r})\n"
        "for _ in range(5):\n"
        "    get_adapter(request).pre_authenticate(request, email=" + repr(EMAIL) + ")\n"
        "print('recorded')\n"
    )
    result = run_in_django(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("recorded")

    assert REFUSED in attempt(client, DEFAULT_PASSWORD, ATTACKER).content.decode()
    assert attempt(Client(), DEFAULT_PASSWORD, OWNER).status_code == 302
