"""Refresh and compile the Japanese catalogue of one or more packages, each in its own ``<app>/locale/``.

Run from the repository root: ``python -m scripts.messages events`` (or ``make messages APPS="events search"``),
then translate the new msgids in ``<app>/locale/ja/LC_MESSAGES/django.po`` and run it again to compile.

makemessages puts a file's strings into the nearest ``locale/`` directory above it, so each package is collected in
a temporary tree where the package and its templates sit next to a ``locale`` directory; the core and the other
apps keep their own catalogues. The tests that check a committed catalogue is complete collect the same way
(``collect``), so what they expect is what this command writes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The templates the core package translates; every app translates ``templates/<app>/``.
CORE_TEMPLATES = (
    "base.html",
    "403.html",
    "404.html",
    "includes",
    "account",
    "allauth",
    "mfa",
    "organisations",
    "home",
    "notifications",
)
#: Catalogue name → the directory whose code it translates (the discussions app lives inside the core package).
SOURCES = {
    "cpsplatform": "cpsplatform",
    "discussions": "cpsplatform/discussions",
    "marketplace": "marketplace",
    "events": "events",
    "search": "search",
    "matching": "matching",
}
PACKAGES = tuple(SOURCES)
#: Files outside a package's directory whose strings it also translates: the core cannot import the search app, so
#: the discussions' message search lives there, but its words belong to the discussions.
EXTRA_SOURCES = {"discussions": ("search/discussions_*.py",)}


def catalogue(package: str) -> Path:
    """The committed Japanese catalogue (``.po``) of ``package``."""
    return ROOT / SOURCES[package] / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def template_entries(package: str) -> tuple[str, ...]:
    return CORE_TEMPLATES if package == "cpsplatform" else (package,)


def ignore_patterns(package: str) -> list[str]:
    patterns = [f"{package}/locale/*", "*/migrations/*"]
    if package == "cpsplatform":
        patterns.append("cpsplatform/discussions/*")  # the chat app keeps its own catalogue
    return patterns


@contextmanager
def _working_directory(path: Path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def collect(package: str, tree: Path, locale: Path | None = None) -> Path:
    """Run makemessages (Django set up) for ``package`` in ``tree``; returns the ``.po`` it wrote.

    ``locale`` is where the catalogue goes: a fresh ``tree/locale`` when None, else linked as ``tree/locale``
    (so an existing catalogue is updated in place, keeping its translations).
    """
    from django.core.management import call_command
    from django.test import override_settings

    (tree / "templates").mkdir(parents=True)
    (tree / package).symlink_to(ROOT / SOURCES[package])
    for pattern in EXTRA_SOURCES.get(package, ()):
        (tree / "extra").mkdir(exist_ok=True)
        for path in ROOT.glob(pattern):
            (tree / "extra" / path.name).symlink_to(path)
    for entry in template_entries(package):
        (tree / "templates" / entry).symlink_to(ROOT / "templates" / entry)
    if locale is None:
        (tree / "locale").mkdir()
    else:
        (locale / "ja" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        (tree / "locale").symlink_to(locale)
    with _working_directory(tree), override_settings(LOCALE_PATHS=[]):
        call_command(
            "makemessages",
            locale=["ja"],
            symlinks=True,
            no_location=True,
            no_obsolete=True,
            ignore_patterns=ignore_patterns(package),
            verbosity=0,
        )
    return tree / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def update(package: str) -> None:
    """Refresh ``<package>/locale/ja/LC_MESSAGES/django.po`` and compile it to ``django.mo``."""
    po = catalogue(package)
    with tempfile.TemporaryDirectory() as tree:
        collect(package, Path(tree), locale=ROOT / SOURCES[package] / "locale")
    subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(po.with_suffix(".mo")), str(po)], check=True
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("packages", nargs="+", choices=PACKAGES, metavar="PACKAGE", help=", ".join(PACKAGES))
    args = parser.parse_args(argv)
    os.environ.setdefault("PLATFORM_ENV", "development")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpsplatform.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    for package in args.packages:
        update(package)
    return 0


if __name__ == "__main__":
    sys.exit(main())
