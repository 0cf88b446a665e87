"""A local load balancer from Debian's packages: HAProxy in front of API processes, round
robin, health-checking /health/live, naming the process that answered in ``X-Served-By``.
Used by tests/scale/test_load_balancer.py and by `make bench` (benchmarks/scale.py)."""

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.hardening.processes import free_port, wait_for_port

CONFIG = """global
    maxconn 512

defaults
    mode http
    timeout connect 5s
    timeout client 120s
    timeout server 120s
    timeout check 5s

frontend api
    bind 127.0.0.1:{port}
    default_backend processes

backend processes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/live hdr Host 127.0.0.1
    http-response set-header X-Served-By %s
{servers}
"""


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if found is None:
        raise RuntimeError("HAProxy is needed (make test installs Debian's haproxy: apt-get install haproxy)")
    return found


def wait_until_live(port: int, *, timeout: float = 90) -> None:
    """Until the API process on ``port`` answers /health/live: gunicorn binds its port before
    its workers have loaded the application, and on a busy machine that takes long enough
    for HAProxy's health checks to time out three times and mark the process down."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/health/live", headers={"Host": "127.0.0.1"}
            )
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - the loopback
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the API process on port {port} was not live within {timeout} s")
        time.sleep(0.2)


def start_haproxy(backends: list[int], *, directory: Path) -> tuple[subprocess.Popen, int]:
    """HAProxy on a free port in front of the API processes on ``backends`` (once each answers
    its liveness check); (process, port)."""
    for backend in backends:
        wait_until_live(backend)
    port = free_port()
    servers = "\n".join(
        f"    server api{index} 127.0.0.1:{backend} check inter 2s fall 3 rise 1"
        for index, backend in enumerate(backends, 1)
    )
    config = directory / "haproxy.cfg"
    config.write_text(CONFIG.format(port=port, servers=servers))
    log = open(directory / "haproxy.log", "ab")  # noqa: SIM115 (kept open for the process)
    process = subprocess.Popen(
        [haproxy_binary(), "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
    )
    wait_for_port(port, process=process)
    return process, port
