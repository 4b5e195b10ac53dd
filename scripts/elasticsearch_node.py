"""The project-managed Elasticsearch node: obtain the distribution, start, wait for, and stop a single node.

Used by ``python -m scripts.elasticsearch start|stop|status|path|ensure``, by the test suite (the shared node, and a
throwaway node a test may stop and start) and by ``make run``. When ``ELASTICSEARCH_URL`` is set nothing here is
used: the platform talks to that cluster and manages nothing.

Facts about the distribution (``org.elasticsearch.distribution.integ-test-zip:elasticsearch``), checked on 8.19:

- no bundled JDK: Java 17+ comes from ``ES_JAVA_HOME`` (or is looked for under ``/usr/lib/jvm``);
- ``modules/`` holds only ``apm``, ``transport-netty4``, ``x-pack-core`` and ``x-pack-security``, so security is
  switched off (the node listens on loopback only) and ``rest-root`` is absent: ``GET /``, the client's
  ``info()``/``ping()`` fail, and readiness is ``GET /_cluster/health?wait_for_status=yellow``;
- it refuses to run as root, so a root caller runs it as the unprivileged service user;
- the disk watermark check is off, so a nearly full disk does not turn indexes read-only.

Layout under ``<cache dir>/elasticsearch/``: ``downloads/`` (the zip), ``elasticsearch-<version>/`` (unpacked,
read-only, shared by every node), ``nodes/<port>/`` (``config/``, ``data/``, ``logs/``, ``tmp/``, ``node.pid``)
so nodes on different ports run side by side.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from elasticsearch import Elasticsearch

from scripts.localprocess import (
    DEFAULT_SERVICE_USER,
    ServiceError,
    check_readable_by_service_user,
    hand_over,
    pid_is_alive,
    port_is_open,
    process_cmdline,
    terminate,
    unprivileged_prefix,
)

GROUP_ID = "org.elasticsearch.distribution.integ-test-zip"
ARTIFACT_ID = "elasticsearch"
MAVEN_CENTRAL = "https://repo1.maven.org/maven2"
MIN_JAVA = 17
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0


class ElasticsearchNodeError(ServiceError):
    """The managed node cannot be obtained, started or stopped; the message says why and what to do."""


# --- Java -------------------------------------------------------------------------------------------------------


def java_major_version(java_home: Path) -> int | None:
    """The feature version of the JDK at ``java_home`` (from its ``release`` file), or None if it is no JDK."""
    release = java_home / "release"
    if not (java_home / "bin" / "java").exists() or not release.exists():
        return None
    match = re.search(r'^JAVA_VERSION="(\d+)(?:\.(\d+))?', release.read_text(errors="replace"), re.MULTILINE)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def find_java_home() -> Path:
    """``ES_JAVA_HOME`` if set, else a JDK 17+ from ``JAVA_HOME`` or ``/usr/lib/jvm`` (LTS 21 and 17 preferred)."""
    explicit = os.environ.get("ES_JAVA_HOME", "").strip()
    if explicit:
        version = java_major_version(Path(explicit))
        if version is None or version < MIN_JAVA:
            raise ElasticsearchNodeError(
                f"ES_JAVA_HOME={explicit} is not a Java {MIN_JAVA}+ JDK (found version {version})."
            )
        return Path(explicit)
    candidates = [Path(p) for p in [os.environ.get("JAVA_HOME", "")] if p]
    jvm_dir = Path("/usr/lib/jvm")
    if jvm_dir.is_dir():
        candidates += sorted(p for p in jvm_dir.iterdir() if p.is_dir() and not p.is_symlink())
    found = [(v, p) for p in candidates if (v := java_major_version(p)) is not None and v >= MIN_JAVA]
    if not found:
        raise ElasticsearchNodeError(
            f"Elasticsearch needs Java {MIN_JAVA} or newer and none was found. Install one "
            "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set ES_JAVA_HOME to a JDK directory."
        )
    found.sort(key=lambda item: (item[0] not in (21, 17), -item[0] if item[0] in (21, 17) else item[0]))
    return found[0][1]


# --- The distribution -------------------------------------------------------------------------------------------


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (two checkouts fetching or starting at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _artifact_name(version: str) -> str:
    return f"{ARTIFACT_ID}-{version}.zip"


def _fetch_with_maven(version: str, downloads: Path) -> Path | None:
    mvn = shutil.which("mvn")
    if not mvn:
        return None
    result = subprocess.run(
        [
            mvn,
            "--batch-mode",
            "--quiet",
            "dependency:copy",
            f"-Dartifact={GROUP_ID}:{ARTIFACT_ID}:{version}:zip",
            f"-DoutputDirectory={downloads}",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=downloads,
        timeout=1200,
    )
    target = downloads / _artifact_name(version)
    if result.returncode != 0 or not target.exists():
        print(
            f"mvn dependency:copy failed, trying a direct download:\n{(result.stdout + result.stderr)[-1500:]}"
        )
        return None
    return target


def _fetch_direct(version: str, downloads: Path) -> Path:
    """Download the zip from Maven Central and check it against the published SHA-512."""
    url = f"{MAVEN_CENTRAL}/{GROUP_ID.replace('.', '/')}/{ARTIFACT_ID}/{version}/{_artifact_name(version)}"
    try:
        with urllib.request.urlopen(url + ".sha512", timeout=60) as response:  # noqa: S310 (fixed https URL)
            expected = response.read().decode().split()[0].strip().lower()
        partial = downloads / (_artifact_name(version) + ".part")
        digest = hashlib.sha512()
        with urllib.request.urlopen(url, timeout=120) as response, open(partial, "wb") as out:  # noqa: S310
            while chunk := response.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise ElasticsearchNodeError(
            f"Could not obtain Elasticsearch {version} ({GROUP_ID}:{ARTIFACT_ID}:zip) with Maven or from {url}: "
            f"{exc}. Check the network, or set ELASTICSEARCH_URL to use an existing cluster."
        ) from exc
    if digest.hexdigest() != expected:
        partial.unlink(missing_ok=True)
        raise ElasticsearchNodeError(f"Checksum mismatch for {url}: the download was corrupted; try again.")
    target = downloads / _artifact_name(version)
    partial.rename(target)
    return target


def _unpack(archive: Path, destination: Path) -> None:
    """Unzip keeping the executable bits (``zipfile`` drops them), then move into place in one rename."""
    staging = Path(tempfile.mkdtemp(prefix="unpack-", dir=destination.parent))
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                extracted = Path(zf.extract(info, staging))
                mode = (info.external_attr >> 16) & 0o777
                if mode:
                    extracted.chmod(mode | 0o444 | (0o111 if extracted.is_dir() else 0))
        (staging / destination.name).rename(destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def ensure_distribution(version: str, cache_dir: Path) -> Path:
    """The unpacked distribution's directory, fetching (Maven, else direct download) and unpacking it once."""
    root = cache_dir / "elasticsearch"
    home = root / f"{ARTIFACT_ID}-{version}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    root.mkdir(parents=True, exist_ok=True)
    with file_lock(root / "distribution.lock"):
        if (home / "bin" / "elasticsearch").exists():
            return home
        downloads = root / "downloads"
        downloads.mkdir(exist_ok=True)
        archive = downloads / _artifact_name(version)
        if not archive.exists():
            print(f"Fetching Elasticsearch {version} ({GROUP_ID}) into {downloads} ...", flush=True)
            archive = _fetch_with_maven(version, downloads) or _fetch_direct(version, downloads)
        try:
            _unpack(archive, home)
        except zipfile.BadZipFile as exc:
            archive.unlink(missing_ok=True)
            raise ElasticsearchNodeError(
                f"{archive} is not a valid zip ({exc}); removed it, try again."
            ) from exc
    return home


# --- One node ---------------------------------------------------------------------------------------------------


@dataclass
class ManagedNode:
    """One single-node cluster on ``127.0.0.1:<port>``, with its state under ``state_dir``.

    ``state_dir`` defaults to ``<cache dir>/elasticsearch/nodes/<port>``. Stopping keeps the data; ``destroy()``
    stops and removes the state directory (for throwaway nodes).
    """

    port: int
    cache_dir: Path
    version: str
    heap: str = "512m"
    state_dir: Path | None = None
    service_user: str = DEFAULT_SERVICE_USER
    cluster_name: str = field(default="")
    #: Multi-node clusters only: this node's transport port and the transport ports of every member (itself
    #: included). Empty ``members`` means a single-node cluster (``discovery.type: single-node``).
    transport_port: int | None = None
    members: tuple[int, ...] = ()
    #: The node names of every member, for the first master election (``cluster.initial_master_nodes``).
    member_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.state_dir is None:
            self.state_dir = self.cache_dir / "elasticsearch" / "nodes" / str(self.port)
        if not self.cluster_name:
            self.cluster_name = f"cpsplatform-{self.port}"

    @classmethod
    def from_settings(cls, port: int | None = None, settings=None, **overrides) -> ManagedNode:
        """The node the project's settings describe: Django's, or the plain settings module ``scripts`` read."""
        if settings is None:
            from django.conf import settings

        return cls(
            port=port or settings.ELASTICSEARCH_MANAGED_PORT,
            cache_dir=Path(settings.CACHE_DIR),
            version=settings.ELASTICSEARCH_VERSION,
            heap=overrides.pop("heap", settings.ELASTICSEARCH_HEAP),
            service_user=settings.SERVICE_USER,
            **overrides,
        )

    @property
    def node_name(self) -> str:
        return f"cpsplatform-node-{self.port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def home(self) -> Path:
        return self.cache_dir / "elasticsearch" / f"{ARTIFACT_ID}-{self.version}"

    @property
    def pid_file(self) -> Path:
        return self.state_dir / "node.pid"

    @property
    def log_file(self) -> Path:
        return self.state_dir / "logs" / f"{self.cluster_name}.log"

    def pid(self) -> int | None:
        """The server's pid if it is running (the pid file names a live Elasticsearch process)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if pid_is_alive(pid) and "org.elasticsearch" in process_cmdline(pid):
            return pid
        return None

    def is_running(self) -> bool:
        return self.pid() is not None

    def client(self, **options) -> Elasticsearch:
        """A client for this node alone (the platform's own client comes from ``elasticsearch_client``)."""
        return Elasticsearch(self.url, **{"request_timeout": 10, **options})

    def health(self, wait_for_yellow: float = 0) -> dict | None:
        """``_cluster/health`` as a dict, or None if nothing answers."""
        query = f"?wait_for_status=yellow&timeout={int(wait_for_yellow)}s" if wait_for_yellow else ""
        try:
            with urllib.request.urlopen(  # noqa: S310 (loopback http)
                f"{self.url}/_cluster/health{query}", timeout=max(5.0, wait_for_yellow + 5)
            ) as response:
                return json.loads(response.read())
        except (urllib.error.URLError, OSError, ValueError):
            return None

    def wait_ready(self, timeout: float = START_TIMEOUT) -> dict:
        """Block until the cluster is at least yellow; raise with the log's tail if it does not get there."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            health = self.health(wait_for_yellow=min(5, max(1, deadline - time.monotonic())))
            if health and health.get("status") in ("yellow", "green"):
                return health
            if not self.is_running() and self.pid_file.exists():
                break
            time.sleep(0.5)
        raise ElasticsearchNodeError(
            f"Elasticsearch on port {self.port} did not become ready within {timeout:.0f}s.\n{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "Last log lines:\n" + "\n".join(
                self.log_file.read_text(errors="replace").splitlines()[-lines:]
            )
        except OSError:
            return f"(no log at {self.log_file})"

    def _write_config(self) -> Path:
        """Per-node config dir (``ES_PATH_CONF``): the distribution's files plus our settings and heap."""
        config = self.state_dir / "config"
        if config.exists():
            shutil.rmtree(config)
        shutil.copytree(self.home / "config", config)
        settings = {
            "cluster.name": self.cluster_name,
            "node.name": self.node_name,
            "path.data": str(self.state_dir / "data"),
            "path.logs": str(self.state_dir / "logs"),
            "network.host": "127.0.0.1",
            "http.port": self.port,
            "xpack.security.enabled": False,
            "cluster.routing.allocation.disk.threshold_enabled": False,
        }
        if self.members:
            # One cluster of several nodes on loopback: they find each other by transport port, and the first
            # start elects a master among the named nodes (ignored once the cluster state exists on disk).
            settings["transport.port"] = self.transport_port
            settings["discovery.seed_hosts"] = [f"127.0.0.1:{port}" for port in self.members]
            settings["cluster.initial_master_nodes"] = list(self.member_names or (self.node_name,))
        else:
            settings["discovery.type"] = "single-node"
        (config / "elasticsearch.yml").write_text(
            "# Written by scripts.elasticsearch_node; edits are overwritten on start.\n"
            + "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())
        )
        (config / "jvm.options.d" / "cpsplatform.options").write_text(
            f"-Xms{self.heap}\n-Xmx{self.heap}\n"
            # Keep GC logging small: the distribution's default keeps 32 files of 64 MB.
            "-Xlog:disable\n-Xlog:all=warning:stderr:utctime,level,tags\n"
        )
        return config

    def start(self, timeout: float = START_TIMEOUT) -> dict:
        """Start the node (no-op if it already runs) and wait until it is ready; returns the cluster health.

        A member of a multi-node cluster is only ready once enough members run to elect a master: start them
        all with ``launch()`` first, then ``wait_ready()`` (``start_cluster`` does).
        """
        self.launch(timeout)
        return self.wait_ready(timeout)

    def launch(self, timeout: float = START_TIMEOUT, wait: bool = True) -> None:
        """Start the server process (no-op if it already runs).

        ``wait``: block until the launcher reports the node started (a member of a cluster only starts once a
        master is elected). Without it the launcher runs detached, its output in ``launcher.log``; the caller waits
        for the cluster (``wait_for_members``).
        """
        with file_lock(self.state_dir.parent / f"{self.port}.lock"):
            if self.is_running():
                return
            busy = [p for p in (self.port, self.transport_port) if p and port_is_open(p)]
            if busy:
                raise ElasticsearchNodeError(
                    f"Port {busy[0]} is already in use by another program (not the node this project "
                    f"manages under {self.state_dir}). Stop it, or set ELASTICSEARCH_MANAGED_PORT / "
                    "ELASTICSEARCH_URL."
                )
            java_home = find_java_home()
            home = ensure_distribution(self.version, self.cache_dir)
            for sub in ("data", "logs", "tmp"):
                (self.state_dir / sub).mkdir(parents=True, exist_ok=True)
            self.pid_file.unlink(missing_ok=True)
            config = self._write_config()
            hand_over(self.state_dir, self.service_user)
            check_readable_by_service_user(home / "lib", self.service_user)
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "ES_JAVA_HOME": str(java_home),
                "ES_PATH_CONF": str(config),
                "ES_TMPDIR": str(self.state_dir / "tmp"),
                "LANG": "C.UTF-8",
            }
            command = [
                *unprivileged_prefix(self.service_user),
                "/usr/bin/env",
                *(f"{key}={value}" for key, value in env.items()),
                str(home / "bin" / "elasticsearch"),
                "--daemonize",
                "--pidfile",
                str(self.pid_file),
            ]
            if not wait:
                with open(self.state_dir / "launcher.log", "w") as out:
                    subprocess.Popen(
                        command, cwd=self.state_dir, env=env, stdout=out, stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL, start_new_session=True,
                    )  # fmt: skip
                return
            # With --daemonize the launcher returns once the server has started (or failed to).
            result = subprocess.run(
                command,
                cwd=self.state_dir,
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
            )
            if result.returncode != 0:
                raise ElasticsearchNodeError(
                    f"Elasticsearch on port {self.port} failed to start (exit {result.returncode}):\n"
                    f"{(result.stdout + result.stderr).strip()[-3000:]}\n{self._log_tail()}"
                )

    def stop(self, timeout: float = STOP_TIMEOUT) -> bool:
        """Stop the node by its pid (SIGTERM, then SIGKILL after ``timeout``). False if it was not running."""
        with file_lock(self.state_dir.parent / f"{self.port}.lock"):
            pid = self.pid()
            if pid is None:
                return False
            terminate(pid, timeout)
            self.pid_file.unlink(missing_ok=True)
            return True

    def destroy(self) -> None:
        """Stop the node and delete its state (data, logs, config)."""
        self.stop()
        shutil.rmtree(self.state_dir, ignore_errors=True)
        (self.state_dir.parent / f"{self.port}.lock").unlink(missing_ok=True)


# --- A cluster of several nodes -------------------------------------------------------------------------------


def cluster(
    http_ports: list[int], transport_ports: list[int], cache_dir: Path, version: str, **options
) -> list[ManagedNode]:
    """Nodes on loopback forming ONE cluster: same ``cluster.name``, each seeded with every transport port.

    State lives under ``state_root/<http port>`` when ``state_root`` is given, else the usual per-port directory.
    """
    if len(http_ports) != len(transport_ports):
        raise ValueError("one transport port per node")
    state_root = options.pop("state_root", None)
    name = options.pop("cluster_name", f"cpsplatform-cluster-{http_ports[0]}")
    return [
        ManagedNode(
            port=http,
            cache_dir=cache_dir,
            version=version,
            cluster_name=name,
            transport_port=transport,
            members=tuple(transport_ports),
            member_names=tuple(f"cpsplatform-node-{port}" for port in http_ports),
            state_dir=Path(state_root) / str(http) if state_root else None,
            **options,
        )
        for http, transport in zip(http_ports, transport_ports, strict=True)
    ]


def start_cluster(nodes: list[ManagedNode], timeout: float = START_TIMEOUT) -> dict:
    """Launch every node at once, then wait until all have joined and the cluster is yellow.

    The launchers run detached: each returns only once its node has joined an elected cluster, which needs a
    majority of the members running, so waiting for them one by one would never end.
    """
    for node in nodes:
        node.launch(timeout, wait=False)
    return wait_for_members(nodes, len(nodes), timeout)


def wait_for_members(nodes: list[ManagedNode], count: int, timeout: float = START_TIMEOUT) -> dict:
    """Block until a running node reports ``count`` nodes in the cluster and status yellow or green."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for node in nodes:
            try:
                with urllib.request.urlopen(  # noqa: S310 (loopback http)
                    f"{node.url}/_cluster/health?wait_for_nodes={count}&wait_for_status=yellow&timeout=5s",
                    timeout=10,
                ) as response:
                    health = json.loads(response.read())
            except (urllib.error.URLError, OSError, ValueError):
                continue
            if not health.get("timed_out") and health.get("number_of_nodes", 0) >= count:
                return health
        time.sleep(0.5)
    raise ElasticsearchNodeError(
        f"The cluster on ports {[n.port for n in nodes]} did not reach {count} nodes within {timeout:.0f}s.\n"
        + "\n".join(node._log_tail(10) for node in nodes)
    )
