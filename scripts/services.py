"""Throwaway PostgreSQL and Redis servers for ``make test`` when ``DATABASE_URL`` / ``REDIS_URL`` are not set.

They run from the Debian binaries (``/usr/lib/postgresql/*/bin``, ``redis-server``) on free loopback ports, with
their files under ``<cache dir>/run/``, and are removed when the context manager exits. PostgreSQL refuses to run
as root, so under root it runs as the unprivileged service user (see ``scripts.localprocess``).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.localprocess import (
    ServiceError,
    free_port,
    hand_over,
    is_root,
    pid_is_alive,
    port_is_open,
    terminate,
    unprivileged_prefix,
)

APT_PACKAGES = ["postgresql", "redis-server"]
INSTALL_HINT = f"apt-get install -y {' '.join(APT_PACKAGES)}"
#: Where the Debian package ``fonts-ipafont-gothic`` puts its font (Japanese text in browser screenshots).
JAPANESE_FONT_DIR = Path("/usr/share/fonts/opentype/ipafont-gothic")


def postgres_bindir() -> Path | None:
    """The newest installed PostgreSQL's bin directory (Debian layout), or one found on PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name or 0)
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def missing_test_packages(
    *,
    need_postgres: bool,
    need_redis: bool,
    need_java: bool,
    need_browser: bool = True,
    need_nginx: bool = False,
) -> list[str]:
    """The Debian packages the test run needs and this machine lacks.

    PostgreSQL and Redis only when the run starts throwaway servers, Java and Maven only when it fetches and runs
    the managed Elasticsearch node; Chromium and a Japanese font for the browser tests and their screenshots.
    """
    wanted = [
        (need_postgres, lambda: postgres_bindir() is not None, "postgresql"),
        (need_redis, lambda: shutil.which("redis-server") is not None, "redis-server"),
        (need_browser, lambda: Path("/usr/bin/chromium").exists(), "chromium"),
        (need_browser, JAPANESE_FONT_DIR.is_dir, "fonts-ipafont-gothic"),
        (need_java, lambda: shutil.which("java") is not None, "default-jre-headless"),
        (need_java, lambda: shutil.which("mvn") is not None, "maven"),
        (need_nginx, lambda: Path("/usr/sbin/nginx").exists() or shutil.which("nginx") is not None, "nginx"),
    ]
    return [package for needed, present, package in wanted if needed and not present()]


def ensure_test_prerequisites(
    *,
    need_postgres: bool,
    need_redis: bool,
    need_java: bool,
    need_browser: bool = True,
    need_nginx: bool = False,
) -> None:
    """Install what the tests need from Debian's packages when running as root; otherwise say what is missing."""
    wanted = {
        "need_postgres": need_postgres,
        "need_redis": need_redis,
        "need_java": need_java,
        "need_browser": need_browser,
        "need_nginx": need_nginx,
    }
    missing = missing_test_packages(**wanted)
    if not missing:
        return
    if is_root() and shutil.which("apt-get"):
        print(f"Installing {' '.join(missing)} (Debian packages) ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
        missing = missing_test_packages(**wanted)
        if not missing:
            return
    raise ServiceError(
        f"The test suite needs these Debian packages: {' '.join(missing)}. Install them "
        f"(sudo apt-get install -y {' '.join(missing)}), or set DATABASE_URL and REDIS_URL to running servers."
    )


def _run_dir(base: Path, name: str) -> Path:
    (base / "run").mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base / "run"))
    path.chmod(0o700)
    return path


def _wait_for_port(port: int, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_is_open(port):
            return
        time.sleep(0.1)
    raise ServiceError(f"{what} did not open port {port} within {timeout:.0f}s")


@contextmanager
def throwaway_postgres(base: Path, user: str) -> Iterator[str]:
    """A fresh PostgreSQL cluster on a free port; yields its ``DATABASE_URL``. Tuned for tests, not durability."""
    bindir = postgres_bindir()
    if bindir is None:
        raise ServiceError(f"PostgreSQL is not installed: {INSTALL_HINT}")
    run_dir = _run_dir(base, "postgres")
    data = run_dir / "data"
    log = run_dir / "postgres.log"
    port = free_port()
    as_user = unprivileged_prefix(user)
    hand_over(run_dir, user)
    try:
        subprocess.run(
            [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
             "--encoding=UTF8", "--no-locale", "--no-sync"],
            check=True, stdout=subprocess.DEVNULL, cwd="/",
        )  # fmt: skip
        options = (
            f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60",
             "start"],
            check=True, stdout=subprocess.DEVNULL, cwd="/",
        )  # fmt: skip
        subprocess.run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "cpsplatform"],
            check=True,
        )
        print(f"Started a throwaway PostgreSQL on 127.0.0.1:{port} ({run_dir}).", flush=True)
        yield f"postgres://postgres@127.0.0.1:{port}/cpsplatform"
    except subprocess.CalledProcessError as exc:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise ServiceError(f"Could not start a throwaway PostgreSQL: {exc}\n{tail}") from exc
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "-t", "60", "stop"],
                check=False, stdout=subprocess.DEVNULL, cwd="/",
            )  # fmt: skip
        shutil.rmtree(run_dir, ignore_errors=True)


@contextmanager
def throwaway_redis(base: Path) -> Iterator[str]:
    """A fresh Redis (no persistence) on a free port; yields its ``REDIS_URL``."""
    server = shutil.which("redis-server")
    if server is None:
        raise ServiceError(f"redis-server is not installed: {INSTALL_HINT}")
    run_dir = _run_dir(base, "redis")
    port = free_port()
    pid_file = run_dir / "redis.pid"
    try:
        subprocess.run(
            [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "yes", "--pidfile", str(pid_file), "--dir", str(run_dir),
             "--logfile", str(run_dir / "redis.log")],
            check=True,
        )  # fmt: skip
        _wait_for_port(port, "redis-server")
        print(f"Started a throwaway Redis on 127.0.0.1:{port}.", flush=True)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        deadline = time.monotonic() + 5
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            if pid_is_alive(pid):
                terminate(pid, timeout=15)
        shutil.rmtree(run_dir, ignore_errors=True)
