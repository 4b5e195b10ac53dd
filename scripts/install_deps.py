"""Install the dependencies that pyproject.toml declares (and its ``dev`` extra) into the running interpreter.

The project itself is not installed: checkouts run from their own directory (``manage.py``, pytest's rootdir),
and several checkouts may share one virtualenv. A stamp named after the requirement list's hash, kept inside the
virtualenv, skips pip when the same list was installed before.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def requirements(extras: list[str]) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project.get("optional-dependencies", {})[extra]
    return reqs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--extra", action="append", default=[], help="optional-dependencies group, e.g. dev")
    args = parser.parse_args()
    reqs = requirements(args.extra)
    digest = hashlib.sha256("\n".join(sorted(reqs)).encode()).hexdigest()[:16]
    stamp = Path(sys.prefix) / f".cpsplatform-deps-{digest}"
    if stamp.exists():
        print(f"Dependencies already installed ({len(reqs)} requirements, stamp {stamp.name}).")
        return 0
    print(f"Installing {len(reqs)} requirements from pyproject.toml into {sys.prefix} ...", flush=True)
    command = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", *reqs]
    result = subprocess.run(command, check=False)
    if result.returncode == 0:
        stamp.touch()
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
