"""TEMPORARY: a throwaway Elasticsearch node for tests that stop it (until the root conftest's fixture lands).

Same interface as the infra fixture: ``node.url``, ``node.client()``, ``node.stop()``, ``node.start()``,
``node.is_running()``, ``node.destroy()``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from elasticsearch import Elasticsearch


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _distribution() -> Path:
    for candidate in (os.environ.get("SEARCH_TEST_ES_HOME"), "/tmp/search-es/dist"):
        if candidate and (Path(candidate) / "bin" / "elasticsearch").exists():
            return Path(candidate)
    raise RuntimeError("No Elasticsearch distribution found for the throwaway node")


class ThrowawayNode:
    def __init__(self) -> None:
        self.port = free_port()
        self.transport_port = free_port()
        self.home = _distribution()
        self.workdir = Path(tempfile.mkdtemp(prefix="search-es-node-"))
        self.process: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"
        shutil.chown(self.workdir, "nobody", "nogroup")
        os.chmod(self.workdir, 0o777)

    def client(self) -> Elasticsearch:
        return Elasticsearch(self.url, request_timeout=10, max_retries=0)

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 120) -> None:
        data, logs, tmp = (self.workdir / name for name in ("data", "logs", "tmp"))
        for path in (data, logs, tmp):
            path.mkdir(exist_ok=True)
            shutil.chown(path, "nobody", "nogroup")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "ES_JAVA_HOME": os.environ.get("ES_JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"),
            "ES_JAVA_OPTS": "-Xms256m -Xmx256m",
            "ES_TMPDIR": str(tmp),
        }
        command = [
            "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
            str(self.home / "bin" / "elasticsearch"),
            "-E", f"http.port={self.port}", "-E", f"transport.port={self.transport_port}",
            "-E", "network.host=127.0.0.1", "-E", "discovery.type=single-node",
            "-E", f"path.data={data}", "-E", f"path.logs={logs}",
            "-E", "xpack.security.enabled=false", "-E", f"cluster.name=throwaway-{self.port}",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        client = self.client()
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("The throwaway Elasticsearch node exited during start")
            try:
                client.cluster.health(wait_for_status="yellow", timeout="1s")
                return
            except Exception:
                time.sleep(0.5)
        raise RuntimeError("The throwaway Elasticsearch node did not start in time")

    def stop(self, timeout: float = 60) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)
