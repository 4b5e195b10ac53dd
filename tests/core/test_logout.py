"""Logging out takes a POST with a CSRF token on every logout URL: a cross-site GET (an ``<img>`` pointing at the
URL) must not end anyone's session."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import login, make_staff

pytestmark = pytest.mark.django_db

LOGOUT_URLS = ["/cms/logout/", "/accounts/logout/"]


def staff_client(**kw) -> Client:
    return login(Client(**kw), make_staff())


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_a_get_to_a_logout_url_keeps_the_staff_session(url):
    client = staff_client()
    session_key = client.session.session_key

    response = client.get(url)

    assert response.status_code in (200, 302, 405)
    assert client.session.session_key == session_key
    assert "_auth_user_id" in client.session
    assert client.get("/cms/").status_code == 200


def test_the_wagtail_logout_url_sends_a_get_to_the_confirmation_page():
    response = staff_client().get("/cms/logout/")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_logout")


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_a_cross_site_post_without_csrf_token_does_not_log_out(url):
    client = staff_client(enforce_csrf_checks=True)

    response = client.post(url)

    assert response.status_code == 403
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_a_post_with_the_csrf_token_logs_out(url):
    client = staff_client(enforce_csrf_checks=True)
    client.get(reverse("account_logout"))  # the confirmation page sets the CSRF cookie
    token = client.cookies["csrftoken"].value

    response = client.post(url, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/cms/").status_code == 302
