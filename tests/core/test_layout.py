"""The repository layout the issue asks for, and a core package that shadows no standard module."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_standard_platform_module_still_imports_from_the_repository_root():
    result = subprocess.run(
        [sys.executable, "-c", "import uuid, platform; platform.system(); print(platform.__file__)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert not Path(result.stdout.strip()).is_relative_to(ROOT)


def test_no_top_level_package_shadows_a_standard_module():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}

    assert "cpsplatform" in packages
    assert packages.isdisjoint(sys.stdlib_module_names)


def test_deployment_folder_is_configuration_not_a_package():
    """``platform/`` holds how the platform is deployed; without ``__init__.py`` it never shadows the stdlib."""
    deployment = ROOT / "platform"

    assert deployment.is_dir()
    assert not (deployment / "__init__.py").exists()
    assert not list(deployment.rglob("*.py"))
    for file in [
        "README.md",
        "nginx/cpsplatform.conf",
        "systemd/cpsplatform-web@.service",
        "systemd/cpsplatform-search-sync.service",
        "elasticsearch/elasticsearch.yml",
        "env/production.env.example",
    ]:
        assert (deployment / file).is_file(), file


def test_top_level_layout():
    for directory in [
        "cpsplatform",
        "marketplace",
        "events",
        "matching",
        "search",
        "templates",
        "tests",
        "bench",
    ]:
        assert (ROOT / directory).is_dir(), directory
    for file in ["manage.py", "pyproject.toml", "README.md", "Makefile", ".ci/run"]:
        assert (ROOT / file).is_file(), file
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_pyproject_declares_every_dependency_with_compatible_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {}
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name = requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip().lower()
        declared[name] = requirement

    expected_bounds = {
        "wagtail": ">=8",
        "django": ">=5.2",
        "django-allauth": ">=65",
        "channels": ">=4",
        "channels-redis": ">=4",
        "daphne": ">=4",
        "elasticsearch": ">=8",
        "elasticsearch-dsl": ">=8",
        "pillow": ">=",
        "psycopg": ">=3",
    }
    for name, lower in expected_bounds.items():
        assert lower in declared[name], declared[name]
        assert ",<" in declared[name], f"{declared[name]} has no upper bound"
    for name in ["pytest", "pytest-django", "pytest-asyncio", "playwright", "ruff"]:
        assert name in declared
