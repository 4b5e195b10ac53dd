"""Refresh the discussions' Japanese catalogue: ``python cpsplatform/discussions/locale/update_catalogue.py``.

The discussions strings live in three places (``cpsplatform/discussions/``, ``templates/discussions/`` and the
search app's ``search/discussions_*.py``), but ``makemessages`` puts a file's strings in the catalogue of the tree it
lies in. So this copies those files into one temporary tree, extracts there, merges the result into this
directory's ``ja/LC_MESSAGES/django.po`` (``msgmerge``: existing translations are kept, new strings come untranslated,
gone ones are marked obsolete) and compiles ``django.mo``. Translate the new entries, then run it again to compile.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CATALOGUE = HERE / "ja" / "LC_MESSAGES" / "django.po"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        shutil.copytree(
            ROOT / "cpsplatform" / "discussions",
            tree / "discussions",
            ignore=shutil.ignore_patterns("locale", "migrations"),
        )
        shutil.copytree(ROOT / "templates" / "discussions", tree / "templates")
        for path in (ROOT / "search").glob("discussions_*.py"):
            shutil.copy(path, tree / path.name)
        (tree / "locale").mkdir()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PLATFORM_ENV": "development",
            "DJANGO_SETTINGS_MODULE": "cpsplatform.settings",
        }
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "ja", "--no-location", "--no-obsolete"],
            cwd=tree,
            env=env,
            check=True,
        )
        extracted = tree / "locale" / "ja" / "LC_MESSAGES" / "django.po"
        subprocess.run(
            [
                "msgmerge",
                "--quiet",
                "--no-location",
                "--update",
                "--backup=none",
                str(CATALOGUE),
                str(extracted),
            ],
            check=True,
        )
    subprocess.run(["msgfmt", "--check", "-o", str(CATALOGUE.with_suffix(".mo")), str(CATALOGUE)], check=True)
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(CATALOGUE)], capture_output=True, text=True
    ).stdout
    count = untranslated.count("\nmsgid ") - (1 if untranslated else 0)
    print(f"{CATALOGUE.relative_to(ROOT)}: {max(count, 0)} untranslated")


if __name__ == "__main__":
    main()
