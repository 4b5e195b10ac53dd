"""Production settings pass ``manage.py check --deploy``: HTTPS redirect and HSTS behind the TLS proxy, no framing.

``check --deploy`` runs in a fresh process with production variables only (and this run's PostgreSQL, Redis and
Elasticsearch, so the platform's own service checks see what production would have).
"""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings

PRODUCTION = {
    "PLATFORM_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "example.org",
}


def check_deploy(**variables: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_HOSTS[0],
        **PRODUCTION,
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_check_deploy_is_clean_for_production_behind_the_tls_proxy():
    result = check_deploy(BEHIND_TLS_PROXY="1")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_check_deploy_is_clean_when_daphne_terminates_tls_with_the_redirect_on():
    result = check_deploy(SECURE_SSL_REDIRECT="1")

    assert result.returncode == 0, result.stdout + result.stderr


def test_without_the_proxy_flag_check_deploy_names_the_missing_https_redirect():
    """Django cannot tell HTTPS from HTTP behind an undeclared proxy, so it does not redirect, and says so."""
    result = check_deploy()

    assert result.returncode != 0
    assert "security.W008" in result.stderr
    assert "security.W004" not in result.stderr
    assert "security.W019" not in result.stderr


@pytest.mark.django_db
@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_HSTS_SECONDS=31_536_000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
)
def test_behind_the_proxy_plain_http_is_redirected_but_the_health_probe_is_not():
    client = Client()

    plain = client.get("/accounts/login/")
    secure = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    probe = client.get("/healthz")

    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/accounts/login/"
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert probe.status_code == 200


@pytest.mark.django_db
def test_pages_may_not_be_framed():
    assert Client().get("/accounts/login/")["X-Frame-Options"] == "DENY"
