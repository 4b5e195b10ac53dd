"""System checks with stable ids for Elasticsearch, Redis and the channel layer, against real (closed) ports."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings

from cpsplatform.checks import SERVICES_TAG
from scripts.localprocess import free_port


def check_ids(**kwargs) -> set[str]:
    return {message.id for message in run_checks(tags=[SERVICES_TAG], **kwargs)}


def test_services_checks_pass_when_every_service_answers():
    assert check_ids() == set()


def test_unreachable_elasticsearch_is_w001():
    with override_settings(ELASTICSEARCH_HOSTS=[f"http://127.0.0.1:{free_port()}"]):
        assert check_ids() == {"cpsplatform.W001"}


def test_malformed_elasticsearch_hosts_is_e001():
    with override_settings(ELASTICSEARCH_HOSTS=["search.internal:9200"]):
        assert check_ids() == {"cpsplatform.E001"}


def test_redis_url_with_an_in_memory_layer_is_e002():
    layers = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    with override_settings(REDIS_URL="redis://127.0.0.1:6379/0", CHANNEL_LAYERS=layers):
        assert check_ids() == {"cpsplatform.E002"}


def test_missing_default_channel_layer_is_e003():
    with override_settings(CHANNEL_LAYERS={}):
        assert check_ids() == {"cpsplatform.E003"}


def test_unreachable_redis_is_w004():
    url = f"redis://127.0.0.1:{free_port()}/0"
    layers = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [url]}}}
    with override_settings(REDIS_URL=url, CHANNEL_LAYERS=layers):
        assert check_ids() == {"cpsplatform.W004"}


def test_deploy_checks_warn_about_in_memory_layer_and_sqlite():
    """A production-like process with no DATABASE_URL / REDIS_URL (fresh, so nothing is overridden in-process)."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "cps.example",
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_HOSTS[0],
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert "cpsplatform.W005" in result.stderr
    assert "cpsplatform.W006" in result.stderr
