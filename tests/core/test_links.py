from django.urls import reverse

from cpsplatform.links import absolute_url
from scripts.dev import run_site_url


def test_absolute_url_starts_with_the_configured_site_url(settings):
    settings.SITE_URL = "https://cps.example.org/"
    assert absolute_url(reverse("account_login")) == "https://cps.example.org/accounts/login/"
    assert absolute_url("events/") == "https://cps.example.org/events/"


def test_make_run_derives_the_site_url_from_its_host_and_port():
    assert run_site_url("127.0.0.1", "8101") == "http://127.0.0.1:8101"
    assert run_site_url("0.0.0.0", "9000") == "http://127.0.0.1:9000"  # noqa: S104
    assert run_site_url("::1", "8101") == "http://[::1]:8101"
