"""The one settings module reads the environment; each case runs in a fresh process with only the given variables."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "DATABASE": settings.DATABASES["default"]["ENGINE"],
    "DATABASE_NAME": str(settings.DATABASES["default"]["NAME"]),
    "DATABASE_HOST": settings.DATABASES["default"].get("HOST", ""),
    "CHANNEL_LAYER": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "CHANNEL_HOSTS": settings.CHANNEL_LAYERS["default"].get("CONFIG", {}).get("hosts", []),
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": getattr(settings, "EMAIL_HOST", ""),
    "EMAIL_PORT": getattr(settings, "EMAIL_PORT", 0),
    "EMAIL_USE_TLS": getattr(settings, "EMAIL_USE_TLS", False),
    "ELASTICSEARCH_HOSTS": settings.ELASTICSEARCH_HOSTS,
    "ELASTICSEARCH_MANAGED": settings.ELASTICSEARCH_MANAGED,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
}))
"""


def run_with_env(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **variables}
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def settings_for(**variables: str) -> dict:
    result = run_with_env(
        ["manage.py", "shell", "--no-startup", "-c", PRINT_SETTINGS], PLATFORM_ENV="development", **variables
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_secret_key():
    result = run_with_env(["manage.py", "check"], PLATFORM_ENV="production", ALLOWED_HOSTS="cps.example")

    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with_env(["manage.py", "check"], SECRET_KEY="x" * 50)  # PLATFORM_ENV defaults to production

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production" in result.stderr


def test_production_starts_with_both_and_debug_stays_off():
    result = run_with_env(
        ["manage.py", "shell", "--no-startup", "-c", PRINT_SETTINGS],
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="cps.example,www.cps.example",
    )

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["cps.example", "www.cps.example"]


def test_nothing_set_means_sqlite_in_memory_layer_console_mail_and_the_managed_node():
    values = settings_for()

    assert values["DATABASE"] == "django.db.backends.sqlite3"
    assert values["DATABASE_NAME"].endswith("db.sqlite3")
    assert values["CHANNEL_LAYER"] == "channels.layers.InMemoryChannelLayer"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["ELASTICSEARCH_HOSTS"] == ["http://127.0.0.1:9200"]
    assert values["ELASTICSEARCH_MANAGED"] is True
    assert values["DEBUG"] is False


def test_service_urls_switch_to_external_services():
    values = settings_for(
        DATABASE_URL="postgres://cps:secret@db.internal:5433/cps",
        REDIS_URL="redis://cache.internal:6380/2",
        EMAIL_URL="smtp://mailer:pw@smtp.internal:587?tls=1",
        ELASTICSEARCH_URL="http://search.internal:9200",
    )

    assert values["DATABASE"] == "django.db.backends.postgresql"
    assert (values["DATABASE_HOST"], values["DATABASE_NAME"]) == ("db.internal", "cps")
    assert values["CHANNEL_LAYER"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert values["CHANNEL_HOSTS"] == [{"address": "redis://cache.internal:6380/2", "socket_timeout": 15}]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"], values["EMAIL_USE_TLS"]) == (
        "smtp.internal",
        587,
        True,
    )
    assert values["ELASTICSEARCH_HOSTS"] == ["http://search.internal:9200"]
    assert values["ELASTICSEARCH_MANAGED"] is False


def test_debug_is_on_only_when_asked():
    assert settings_for(DEBUG="1")["DEBUG"] is True
    assert settings_for(DEBUG="0")["DEBUG"] is False


def test_unknown_email_scheme_is_refused_with_the_reason():
    result = run_with_env(["manage.py", "check"], PLATFORM_ENV="development", EMAIL_URL="pigeon://coop")

    assert result.returncode != 0
    assert "EMAIL_URL scheme must be" in result.stderr


def test_background_task_chatter_is_quiet_but_task_failures_are_logged():
    """Wagtail queues a reference-index task for every page and snippet saved (hundreds during the demo seed);
    the task runner's per-task INFO lines stay out of the console, its warnings and errors do not."""
    import logging

    runner = logging.getLogger("django_tasks.backends.immediate")
    assert not runner.isEnabledFor(logging.INFO)
    assert runner.isEnabledFor(logging.WARNING)
