"""``/healthz`` asks the real database, channel layer and Elasticsearch; a service that is down gives 503.

Anonymous callers see only which parts are up; staff and holders of ``HEALTHZ_TOKEN`` see the detail.
"""

import json
import os

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

from scripts.localprocess import free_port
from tests.factories import login, make_staff, make_user
from tests.subprocesses import run_in_django

pytestmark = pytest.mark.django_db

TOKEN = "healthz-test-token-0123456789abcdef"


@pytest.fixture
def health_token(settings):
    settings.HEALTHZ_TOKEN = TOKEN
    return TOKEN


@pytest.fixture
def client(client, health_token):
    """The tests below look at the detail: every request carries the token."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {health_token}"
    return client


def test_healthz_is_green_with_every_service_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    checks = body["checks"]
    assert checks["database"] == {"ok": True, "vendor": connection.vendor}
    assert checks["channel_layer"] == {"ok": True, "backend": settings.CHANNEL_LAYERS["default"]["BACKEND"]}
    elasticsearch = checks["elasticsearch"]
    assert elasticsearch["ok"] is True
    assert elasticsearch["status"] in ("green", "yellow")
    assert elasticsearch["version"].startswith("8.")
    assert elasticsearch["cluster_name"]


def test_healthz_reports_elasticsearch_down_while_the_node_is_stopped(client, throwaway_es_node):
    with override_settings(ELASTICSEARCH_HOSTS=[throwaway_es_node.url]):
        up = client.get("/healthz")
        throwaway_es_node.stop()
        down = client.get("/healthz")
        throwaway_es_node.start()
        back = client.get("/healthz")

    assert up.status_code == 200
    assert up.json()["checks"]["elasticsearch"]["cluster_name"] == throwaway_es_node.cluster_name
    assert down.status_code == 503
    assert down.json()["status"] == "fail"
    assert down.json()["failing"] == ["elasticsearch"]
    assert down.json()["checks"]["elasticsearch"]["ok"] is False
    assert down.json()["checks"]["database"]["ok"] is True
    assert back.status_code == 200


def test_healthz_reports_elasticsearch_down_on_a_closed_port(client):
    with override_settings(ELASTICSEARCH_HOSTS=[f"http://127.0.0.1:{free_port()}"]):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["elasticsearch"]
    assert response.json()["checks"]["elasticsearch"]["error"].startswith("ConnectionError")


def test_healthz_reports_the_channel_layer_down_when_redis_does_not_answer(client):
    layers = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [f"redis://127.0.0.1:{free_port()}/0"]},
        }
    }
    with override_settings(CHANNEL_LAYERS=layers):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["channel_layer"]
    assert response.json()["checks"]["channel_layer"]["ok"] is False


def test_healthz_reports_the_database_down_when_it_does_not_answer(tmp_path):
    """A separate process whose DATABASE_URL points at a closed port: the database part fails, the rest answers."""
    script = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        f"r = Client().get('/healthz', HTTP_X_HEALTH_TOKEN='{TOKEN}')\n"
        "print(json.dumps({'code': r.status_code, 'body': r.json()}))\n"
    )
    env = {
        **os.environ,
        "HEALTHZ_TOKEN": TOKEN,
        "DJANGO_SETTINGS_MODULE": "cpsplatform.settings",
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:{free_port()}/nothing",
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_HOSTS[0],
    }
    env.pop("REDIS_URL", None)
    result = run_in_django(script, env=env, check=True)

    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] == 503
    assert outcome["body"]["failing"] == ["database"]
    assert outcome["body"]["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "vendor": "postgresql",
    }


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405


def test_anonymous_callers_learn_only_which_parts_are_up(health_token):
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failing": [],
        "checks": {"database": {"ok": True}, "channel_layer": {"ok": True}, "elasticsearch": {"ok": True}},
    }


def test_anonymous_callers_see_which_part_fails_but_not_why(health_token):
    with override_settings(ELASTICSEARCH_HOSTS=[f"http://127.0.0.1:{free_port()}"]):
        response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["elasticsearch"]
    assert response.json()["checks"]["elasticsearch"] == {"ok": False}


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"},
        {"HTTP_AUTHORIZATION": f"bearer {TOKEN}"},
        {"HTTP_X_HEALTH_TOKEN": TOKEN},
    ],
)
def test_the_health_token_shows_the_detail(health_token, headers):
    checks = Client().get("/healthz", **headers).json()["checks"]

    assert checks["database"]["vendor"] == connection.vendor
    assert checks["elasticsearch"]["version"].startswith("8.")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_AUTHORIZATION": "Bearer wrong-token"},
        {"HTTP_AUTHORIZATION": f"Basic {TOKEN}"},
        {"HTTP_X_HEALTH_TOKEN": TOKEN[:-1]},
        {"HTTP_X_HEALTH_TOKEN": ""},
    ],
)
def test_a_wrong_or_malformed_token_gets_the_summary(health_token, headers):
    checks = Client().get("/healthz", **headers).json()["checks"]

    assert checks["database"] == {"ok": True}


def test_no_token_configured_means_no_token_is_accepted(settings):
    settings.HEALTHZ_TOKEN = ""

    checks = Client().get("/healthz", HTTP_AUTHORIZATION="Bearer ", HTTP_X_HEALTH_TOKEN="").json()["checks"]

    assert checks["database"] == {"ok": True}


def test_staff_see_the_detail_and_other_users_do_not():
    staff = login(Client(), make_staff()).get("/healthz").json()["checks"]
    user = login(Client(), make_user()).get("/healthz").json()["checks"]

    assert staff["channel_layer"]["backend"] == settings.CHANNEL_LAYERS["default"]["BACKEND"]
    assert user["channel_layer"] == {"ok": True}


def test_livez_answers_alive_without_asking_any_service(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@override_settings(SECURE_SSL_REDIRECT=True)
def test_livez_answers_probes_over_plain_http_where_pages_redirect_to_https(client):
    assert client.get("/livez").status_code == 200
    assert client.get("/events/").status_code == 301
