"""``make stack`` / ``make stack-stop``: the production topology of ``platform/`` on this machine, on loopback.

    python -m scripts.stack start [--workers N] [--server gunicorn|daphne]
    python -m scripts.stack restart-web [--workers N] [--server gunicorn|daphne]   (the web processes only)
    python -m scripts.stack stop | status

``start`` brings up, from the repository's own files: PostgreSQL and Redis (Debian binaries, installed with
apt-get when missing, as for the tests), a three-node Elasticsearch cluster (``scripts.elasticsearch_node``),
migrates, collects static files, creates the search indexes and seeds the demo data, then starts the processes of
``platform/Procfile`` under a small supervisor (the web workers, ``search_sync --loop``, the events tick; a process
that dies is started again, as systemd's ``Restart=always`` does in production) and nginx with
``platform/nginx/cpsplatform-locations.conf`` on http://127.0.0.1:8080/.

Everything lives under ``<cache dir>/stack/`` (``env`` holds the environment every process reads, ``logs/`` the
logs). ``stop`` stops all of it and checks that nothing is left listening; the data stays for the next start.
Ports: nginx 8080, web 8101 (gunicorn) or 8101.. (one daphne each), PostgreSQL 5544, Redis 6390, Elasticsearch
HTTP 9211-9213 and transport 9511-9513 (outside 9300-9399, where single nodes pick their transport port).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = ROOT / "platform"
NGINX_PORT = 8080
WEB_PORT = 8101
POSTGRES_PORT = 5544
REDIS_PORT = 6390
ES_HTTP_PORTS = [9211, 9212, 9213]
ES_TRANSPORT_PORTS = [9511, 9512, 9513]
ES_HEAP = "320m"
DEFAULT_WORKERS = 4


def log(message: str) -> None:
    print(f"[stack] {message}", flush=True)


def project_settings():
    os.environ.setdefault("PLATFORM_ENV", "development")
    from cpsplatform import settings

    return settings


class Stack:
    """Paths, ports and the pieces of the local topology; every method is safe to call twice."""

    def __init__(self, settings=None) -> None:
        settings = settings or project_settings()
        self.settings = settings
        self.base = Path(settings.CACHE_DIR) / "stack"
        self.logs = self.base / "logs"
        self.run = self.base / "run"
        self.user = settings.SERVICE_USER

    # --- environment -------------------------------------------------------------------------------------------

    @property
    def env_file(self) -> Path:
        return self.base / "env"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{NGINX_PORT}"

    def write_env(self, workers: int, server: str) -> dict[str, str]:
        """The environment of every platform process: production settings, pointed at the local services.

        Built from ``platform/env/production.env.example``'s variables; the secret key is made once and kept.
        """
        previous = self.read_env()
        values = {
            "PLATFORM_ENV": "production",
            "SECRET_KEY": previous.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": self.url,
            "SITE_URL": self.url,
            # No TLS on loopback: cookies without the Secure flag, no redirect to https.
            "ALLOW_INSECURE_COOKIES": "1",
            "TRUSTED_PROXY_COUNT": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{POSTGRES_PORT}/cpsplatform",
            # A connection per request: ASGI runs views on a pool of threads that would each keep one open
            # (4 workers x 200 clients exhaust PostgreSQL), and a restarted PostgreSQL costs nothing afterwards.
            "DATABASE_CONN_MAX_AGE": "0",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "ELASTICSEARCH_URL": ",".join(f"http://127.0.0.1:{port}" for port in ES_HTTP_PORTS),
            "EMAIL_URL": f"file://{self.base / 'mail'}",
            "STATIC_ROOT": str(self.base / "static"),
            "MEDIA_ROOT": str(self.base / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.base / "private-media"),
            "PLATFORM_VAR_DIR": str(self.base / "var"),
            "LOG_LEVEL": "WARNING",
            "WEB_WORKERS": str(workers),
            "STACK_SERVER": server,
        }
        self.base.mkdir(parents=True, exist_ok=True)
        self.env_file.write_text(
            "# Written by `make stack` (scripts/stack.py); read by every process of the local stack.\n"
            + "".join(f"{key}={value}\n" for key, value in values.items())
        )
        self.env_file.chmod(0o600)
        return values

    def read_env(self) -> dict[str, str]:
        try:
            lines = self.env_file.read_text().splitlines()
        except OSError:
            return {}
        return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))

    def process_env(self) -> dict[str, str]:
        env = {
            key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PLATFORM_"))
        }
        env.update(self.read_env())
        env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def manage(self, *args: str) -> None:
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.process_env(), check=True)

    # --- PostgreSQL --------------------------------------------------------------------------------------------

    @property
    def pg_data(self) -> Path:
        return self.base / "postgres" / "data"

    def pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        from scripts.localprocess import unprivileged_prefix
        from scripts.services import postgres_bindir

        return subprocess.run(
            [*unprivileged_prefix(self.user), str(postgres_bindir() / "pg_ctl"), "-D", str(self.pg_data), *args],
            check=check, stdout=subprocess.DEVNULL, cwd="/",
        )  # fmt: skip

    def start_postgres(self) -> None:
        from scripts.localprocess import hand_over, unprivileged_prefix
        from scripts.services import postgres_bindir

        if (self.pg_data / "postmaster.pid").exists() and self.pg_ctl("status", check=False).returncode == 0:
            return
        fresh = not (self.pg_data / "PG_VERSION").exists()
        if fresh:
            self.pg_data.parent.mkdir(parents=True, exist_ok=True)
            hand_over(self.pg_data.parent, self.user)
            subprocess.run(
                [*unprivileged_prefix(self.user), str(postgres_bindir() / "initdb"), "-D", str(self.pg_data),
                 "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"],
                check=True, stdout=subprocess.DEVNULL, cwd="/",
            )  # fmt: skip
        options = (
            f"-p {POSTGRES_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c max_connections=400 -c shared_buffers=256MB"
        )
        self.pg_ctl(
            "-o", options, "-l", str(self.pg_data.parent / "postgres.log"), "-w", "-t", "120", "start"
        )
        if fresh:
            subprocess.run(
                [str(postgres_bindir() / "createdb"), "-h", "127.0.0.1", "-p", str(POSTGRES_PORT), "-U",
                 "postgres", "cpsplatform"],
                check=True,
            )  # fmt: skip

    def stop_postgres(self) -> None:
        if (self.pg_data / "postmaster.pid").exists():
            self.pg_ctl("-m", "fast", "-w", "-t", "60", "stop", check=False)

    def restart_postgres(self) -> None:
        """Stop (fast: sessions are cut) and start again on the same data; the bench's fault."""
        self.stop_postgres()
        self.start_postgres()

    # --- Redis -------------------------------------------------------------------------------------------------

    @property
    def redis_pid_file(self) -> Path:
        return self.base / "redis" / "redis.pid"

    def start_redis(self) -> None:
        from scripts.localprocess import port_is_open
        from scripts.services import _wait_for_port

        if port_is_open(REDIS_PORT):
            return
        directory = self.redis_pid_file.parent
        directory.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [shutil.which("redis-server"), "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "yes", "--pidfile", str(self.redis_pid_file),
             "--dir", str(directory), "--logfile", str(directory / "redis.log")],
            check=True,
        )  # fmt: skip
        _wait_for_port(REDIS_PORT, "redis-server")

    def stop_redis(self) -> None:
        self._stop_pid_file(self.redis_pid_file, "redis-server")

    def restart_redis(self) -> None:
        """Stop and start an empty Redis (no persistence): channel-layer groups and rate-limit counters go."""
        self.stop_redis()
        self.start_redis()

    # --- Elasticsearch -----------------------------------------------------------------------------------------

    def es_nodes(self):
        from scripts.elasticsearch_node import cluster

        return cluster(
            ES_HTTP_PORTS,
            ES_TRANSPORT_PORTS,
            Path(self.settings.CACHE_DIR),
            self.settings.ELASTICSEARCH_VERSION,
            heap=ES_HEAP,
            service_user=self.user,
            state_root=self.base / "elasticsearch",
            cluster_name="cpsplatform-stack",
        )

    def start_elasticsearch(self) -> None:
        from scripts.elasticsearch_node import start_cluster

        start_cluster(self.es_nodes(), timeout=600)

    # --- The platform's processes (platform/Procfile) ----------------------------------------------------------

    @property
    def supervisor_pid_file(self) -> Path:
        return self.run / "supervisor.pid"

    def start_processes(self) -> None:
        from scripts.localprocess import pid_is_alive

        if (pid := self._read_pid(self.supervisor_pid_file)) and pid_is_alive(pid):
            return
        self.run.mkdir(parents=True, exist_ok=True)
        self.logs.mkdir(parents=True, exist_ok=True)
        with open(self.logs / "supervisor.log", "a") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "scripts.stack", "supervise"],
                cwd=ROOT, env=self.process_env(), stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        self.supervisor_pid_file.write_text(str(process.pid))

    def web_ports(self) -> list[int]:
        env = self.read_env()
        workers = int(env.get("WEB_WORKERS", DEFAULT_WORKERS))
        return (
            [WEB_PORT]
            if env.get("STACK_SERVER", "gunicorn") == "gunicorn"
            else [WEB_PORT + i for i in range(workers)]
        )

    def web_pids(self) -> list[int]:
        """The pids of the processes that answer HTTP: gunicorn's workers, or each daphne."""
        pids = []
        for path in sorted(self.run.glob("web*.pid")):
            pid = self._read_pid(path)
            if pid is None:
                continue
            children = Path(f"/proc/{pid}/task/{pid}/children")
            found = children.read_text().split() if children.exists() else []
            pids += [int(child) for child in found] or [pid]
        return pids

    # --- nginx -------------------------------------------------------------------------------------------------

    @property
    def nginx_dir(self) -> Path:
        return self.base / "nginx"

    def write_nginx_conf(self) -> Path:
        """A main config for a private nginx: loopback, its files under the stack, the shared routes included."""
        directory = self.nginx_dir
        for sub in ("spool", "logs"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in self.web_ports()
        )
        conf = directory / "nginx.conf"
        conf.write_text(
            f"""# Written by `make stack` (scripts/stack.py) from platform/nginx/; edits are overwritten on start.
worker_processes 2;
pid {directory}/nginx.pid;
error_log {directory}/logs/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log {directory}/logs/access.log;
    client_body_temp_path {directory}/spool/body;
    proxy_temp_path {directory}/spool/proxy;
    fastcgi_temp_path {directory}/spool/fastcgi;
    uwsgi_temp_path {directory}/spool/uwsgi;
    scgi_temp_path {directory}/spool/scgi;
    upstream cpsplatform_web {{
        # Shared by nginx's workers: a server one worker found down and then up again is up for all of them.
        zone cpsplatform_web 64k;
        least_conn;
{servers}
        keepalive 64;
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        server_name 127.0.0.1 localhost;
        set $cpsplatform_root {self.base};
        include {PLATFORM / "nginx" / "cpsplatform-locations.conf"};
    }}
}}
"""
        )
        return conf

    def start_nginx(self) -> None:
        conf = self.write_nginx_conf()
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        subprocess.run([nginx, "-t", "-q", "-c", str(conf)], check=True)
        if self._read_pid(self.nginx_dir / "nginx.pid"):
            subprocess.run([nginx, "-c", str(conf), "-s", "reload"], check=True)
        else:
            subprocess.run([nginx, "-c", str(conf)], check=True)

    # --- Together ----------------------------------------------------------------------------------------------

    def start(self, workers: int, server: str) -> None:
        from scripts.services import ensure_test_prerequisites

        ensure_test_prerequisites(
            need_postgres=True, need_redis=True, need_java=True, need_browser=False, need_nginx=True
        )
        self.write_env(workers, server)
        log("PostgreSQL, Redis ...")
        self.start_postgres()
        self.start_redis()
        log(f"Elasticsearch: three nodes on {ES_HTTP_PORTS} (first start: a few minutes) ...")
        self.start_elasticsearch()
        log("migrate, collectstatic, demo data and search indexes (first start: several minutes) ...")
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        # The demo's last seeder rebuilds the search indexes (with a replica each on the three nodes).
        subprocess.run([sys.executable, "-m", "scripts.demo"], cwd=ROOT, env=self.process_env(), check=True)
        log(f"web ({server}, {workers} workers), search-sync, events-tick, nginx ...")
        self.start_processes()
        self.wait_web_ports()
        self.start_nginx()
        self.wait_healthy()
        log(f"The stack answers at {self.url}/ (logs in {self.logs}; `make stack-stop` stops it).")

    def restart_web(self, workers: int, server: str) -> None:
        """Replace the platform's processes (and nginx's upstream) without touching the services or the data."""
        from scripts.localprocess import terminate

        if pid := self._read_pid(self.supervisor_pid_file):
            terminate(pid, timeout=40)
        self.write_env(workers, server)
        self.start_processes()
        self.wait_web_ports()
        self.start_nginx()
        self.wait_healthy()
        log(f"web ({server}, {workers} workers) answers at {self.url}/")

    def wait_web_ports(self, timeout: float = 120) -> None:
        """Every web port answers before nginx (re)loads: probing through nginx while the workers start would mark
        them failed, and nginx then refuses requests ("no live upstreams") until its fail timeout has passed."""
        from scripts.localprocess import port_is_open

        deadline = time.monotonic() + timeout
        waiting = list(self.web_ports())
        while waiting and time.monotonic() < deadline:
            waiting = [port for port in waiting if not port_is_open(port)]
            time.sleep(0.5)
        if waiting:
            raise RuntimeError(f"web ports {waiting} did not open within {timeout:.0f}s; see {self.logs}")

    def wait_healthy(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(1)
        raise RuntimeError(f"{self.url}/healthz did not answer 200 within {timeout:.0f}s; see {self.logs}")

    def stop(self) -> None:
        from scripts.localprocess import terminate

        nginx_pid = self._read_pid(self.nginx_dir / "nginx.pid")
        if nginx_pid:
            terminate(nginx_pid, timeout=15)
        if pid := self._read_pid(self.supervisor_pid_file):
            terminate(pid, timeout=40)
        self.supervisor_pid_file.unlink(missing_ok=True)
        for node in self.es_nodes():
            node.stop()
        self.stop_redis()
        self.stop_postgres()

    def leftovers(self) -> list[str]:
        """What still listens on the stack's ports or runs from its directory (empty after a clean stop)."""
        from scripts.localprocess import port_is_open

        ports = [NGINX_PORT, POSTGRES_PORT, REDIS_PORT, *ES_HTTP_PORTS, *ES_TRANSPORT_PORTS]
        ports += [WEB_PORT + i for i in range(16)]
        found = [f"port {port} is open" for port in ports if port_is_open(port)]
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit() and int(proc.name) != os.getpid():
                try:
                    cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except OSError:
                    continue
                if str(self.base) in cmdline or "scripts.stack supervise" in cmdline:
                    found.append(f"pid {proc.name}: {cmdline[:120]}")
        return found

    # --- helpers -----------------------------------------------------------------------------------------------

    @staticmethod
    def _read_pid(path: Path) -> int | None:
        from scripts.localprocess import pid_is_alive

        try:
            pid = int(path.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if pid_is_alive(pid) else None

    def _stop_pid_file(self, path: Path, what: str) -> None:
        from scripts.localprocess import terminate

        if pid := self._read_pid(path):
            terminate(pid, timeout=20)
        path.unlink(missing_ok=True)


# --- The supervisor ------------------------------------------------------------------------------------------


def procfile() -> dict[str, str]:
    """``platform/Procfile`` as {name: command}."""
    entries = {}
    for line in (PLATFORM / "Procfile").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and ":" in line:
            name, command = line.split(":", 1)
            entries[name.strip()] = command.strip()
    return entries


def supervise() -> int:
    """Run the Procfile's processes, start again any that exits, stop them all on SIGTERM (like systemd)."""
    stack = Stack()
    env = stack.process_env()
    entries = procfile()
    server = env.get("STACK_SERVER", "gunicorn")
    workers = int(env.get("WEB_WORKERS", DEFAULT_WORKERS))
    wanted: dict[str, tuple[str, dict[str, str]]] = {}
    if server == "gunicorn":
        wanted["web"] = (entries["web"], {"PORT": str(WEB_PORT)})
    else:
        for i in range(workers):
            wanted[f"web-{WEB_PORT + i}"] = (entries["web-daphne"], {"PORT": str(WEB_PORT + i)})
    wanted["search-sync"] = (entries["search-sync"], {})
    wanted["events-tick"] = (entries["events-tick"], {})
    running: dict[str, subprocess.Popen] = {}
    stopping = False

    def on_term(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    while not stopping:
        for name, (command, extra) in wanted.items():
            process = running.get(name)
            if process is not None and process.poll() is None:
                continue
            if process is not None:
                print(f"[supervisor] {name} exited with {process.returncode}; starting it again", flush=True)
            process_env = {**env, **extra}
            expanded = command.replace("$WEB_WORKERS", str(workers)).replace("$PORT", extra.get("PORT", ""))
            with open(stack.logs / f"{name}.log", "a") as out:
                running[name] = subprocess.Popen(
                    shlex.split(expanded), cwd=ROOT, env=process_env, stdout=out, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )  # fmt: skip
            if name.startswith("web"):
                (stack.run / f"{name}.pid").write_text(str(running[name].pid))
        time.sleep(0.5)
    for process in running.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + 30
    for process in running.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for path in stack.run.glob("web*.pid"):
        path.unlink(missing_ok=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["start", "stop", "status", "restart-web", "supervise"])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", DEFAULT_WORKERS)))
    parser.add_argument(
        "--server", choices=["gunicorn", "daphne"], default=os.environ.get("STACK_SERVER", "gunicorn")
    )
    options = parser.parse_args(argv)
    if options.action == "supervise":
        return supervise()
    stack = Stack()
    if options.action == "start":
        stack.start(options.workers, options.server)
        return 0
    if options.action == "restart-web":
        stack.restart_web(options.workers, options.server)
        return 0
    if options.action == "stop":
        stack.stop()
        left = stack.leftovers()
        if left:
            print("[stack] still running after stop:\n  " + "\n  ".join(left), file=sys.stderr)
            return 1
        log(f"stopped; nothing of the stack is running (its data stays in {stack.base}).")
        return 0
    left = stack.leftovers()
    print("\n".join(left) if left else "the stack is not running")
    return 0


if __name__ == "__main__":
    sys.exit(main())
