"""Serving the app for a test or a benchmark: `streamlit run` on a free loopback port, and Debian's chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_bytes(pid: int, field: str = "VmRSS") -> int:
    """Resident memory of a process (from /proc), 0 if it is gone; `field="VmHWM"` for its peak so far."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass
class Server:
    """A `streamlit run` on loopback, with its peak RSS sampled in the background."""

    proc: subprocess.Popen[bytes]
    base: str
    peak_rss: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample_rss(self) -> None:
        while not self._stop.is_set():
            self.peak_rss = max(self.peak_rss, rss_bytes(self.proc.pid))
            time.sleep(0.05)


@contextlib.contextmanager
def serve(script: Path, port: int, data_dir: Path | str, log: Path, options: Sequence[str] = ()) -> Iterator[Server]:
    """Run `streamlit run script` on 127.0.0.1:port over `data_dir` (with `options` such as `--secrets.files F`);
    stop it (by its pid) afterwards."""
    with log.open("wb") as out:
        cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", *options]
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**os.environ, "MHHS_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        server = Server(proc, f"http://127.0.0.1:{port}")
        sampler = threading.Thread(target=server.sample_rss, daemon=True)
        try:
            wait_healthy(server.base)
            sampler.start()
            yield server
        finally:
            server._stop.set()
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def wait_healthy(base: str, timeout: float = 90) -> None:
    """Wait for /_stcore/health to answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:  # noqa: S310 - loopback
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not answer its health check within {timeout} s")
