"""Helpers for the services the project starts on this machine (the managed Elasticsearch node, and the throwaway
PostgreSQL and Redis servers of ``make test``).

Elasticsearch and PostgreSQL refuse to run as root. When the project is run by root (CI, containers) they run as
an unprivileged system user, ``settings.SERVICE_USER`` (``cpsplatform`` by default), created on first use. Nothing
here imports Django settings, so ``scripts/`` can use it before Django is configured.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

DEFAULT_SERVICE_USER = "cpsplatform"


class ServiceError(RuntimeError):
    """A local service cannot be obtained, started or stopped; the message says what to do."""


def is_root() -> bool:
    return os.geteuid() == 0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_open(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections on ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def ensure_service_user(name: str = DEFAULT_SERVICE_USER) -> pwd.struct_passwd:
    """The unprivileged account services run as when we are root; created (system user, no login) if missing."""
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pass
    if not is_root():
        raise ServiceError(f"The service user {name!r} does not exist and only root can create it.")
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    result = subprocess.run(
        [useradd, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
         "--shell", "/usr/sbin/nologin", name],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if result.returncode not in (0, 9):  # 9: the user appeared meanwhile (another process created it)
        raise ServiceError(f"Could not create the service user {name!r}: {result.stderr.strip()}")
    return pwd.getpwnam(name)


def unprivileged_prefix(user: str = DEFAULT_SERVICE_USER) -> list[str]:
    """Command prefix that runs a program as ``user`` when we are root, and as ourselves otherwise."""
    if not is_root():
        return []
    account = ensure_service_user(user)
    setpriv = shutil.which("setpriv")
    if setpriv:
        return [
            setpriv,
            f"--reuid={account.pw_uid}",
            f"--regid={account.pw_gid}",
            "--init-groups",
            "--reset-env",
        ]
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", user, "--"]
    raise ServiceError("Running a service as root needs setpriv or runuser (package util-linux).")


def hand_over(path: Path, user: str = DEFAULT_SERVICE_USER) -> None:
    """Make ``path`` (a directory tree the service writes to) owned by the service user when we are root."""
    if not is_root():
        return
    account = ensure_service_user(user)
    for root, dirs, files in os.walk(path):
        os.chown(root, account.pw_uid, account.pw_gid)
        for entry in dirs + files:
            os.chown(os.path.join(root, entry), account.pw_uid, account.pw_gid, follow_symlinks=False)


def check_readable_by_service_user(path: Path, user: str = DEFAULT_SERVICE_USER) -> None:
    """Fail clearly when the service user (root runs) cannot read ``path``, e.g. a cache dir under ``/root``."""
    if not is_root():
        return
    result = subprocess.run([*unprivileged_prefix(user), "test", "-r", str(path)], check=False)
    if result.returncode != 0:
        raise ServiceError(
            f"The service user {user!r} cannot read {path}. When running as root, keep PLATFORM_CACHE_DIR "
            "outside private home directories (the default is /var/cache/cpsplatform)."
        )


def pid_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) is not running.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def process_cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def terminate(pid: int, timeout: float = 30.0) -> bool:
    """SIGTERM ``pid``, wait up to ``timeout`` seconds, then SIGKILL. True if it had to be killed."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_is_alive(pid):
            return False
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + 10
    while pid_is_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return True
