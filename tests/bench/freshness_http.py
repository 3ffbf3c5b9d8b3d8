"""A real `quiver serve` in a subprocess and a small HTTP client for its API: shared by the freshness bench
(tests.bench.freshness) and the supervision test (tests/cli/test_serve.py). Standard library only."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "pw-freshness-admin-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_env(data_dir: Path, src: Path | None = None, **extra: str) -> dict:
    """The product's own settings (not the tests'), a fresh data directory (SQLite), this checkout's code (or the
    `src` directory given: the bench's baseline)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QUIVER_", "DJANGO_", "PYTEST"))}
    env.update(
        {
            "QUIVER_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "quiver.settings",
            "PYTHONPATH": str(src or REPO / "src"),
            "PYTHONUNBUFFERED": "1",
            **extra,
        }
    )
    return env


def quiver(env: dict, *args: str, timeout: float = 120) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "quiver.cli.entry", *args],
        env=env,
        capture_output=True,
        check=False,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )
    if done.returncode:
        raise RuntimeError(f"quiver {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


class Server:
    """`quiver serve` with its output collected line by line (self.lines)."""

    def __init__(self, env: dict, port: int, *args: str):
        self.port, self.lines = port, []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quiver.cli.entry", "serve", "--port", str(port), *args],
            env={**env, "QUIVER_WEB_WORKERS": env.get("QUIVER_WEB_WORKERS", "2")},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=REPO,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def log(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if text in line:
                    return line
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"no line with {text!r} in:\n{self.log()[-4000:]}")

    def wait_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"quiver serve exited:\n{self.log()[-4000:]}")
            if answers(self.port):
                return
            time.sleep(0.2)
        raise RuntimeError(f"quiver serve did not answer:\n{self.log()[-4000:]}")

    def stop(self, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode


def answers(port: int, path: str = "/accounts/login/") -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", path)
        return conn.getresponse().status == 200
    except OSError:
        return False


def children_of(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every live descendant of `pid`, from /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent:
                try:
                    cmd = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
                except OSError:
                    continue
                found.append((child, cmd))
                frontier.append(child)
    return found


def admin_token(env: dict) -> str:
    quiver(env, "migrate")
    quiver(env, "createuser", "bench-admin", "--role", "admin", "--password", PASSWORD)
    return quiver(env, "token", "bench-admin").strip()


class Api:
    def __init__(self, port: int, token: str, timeout: float = 60):
        self.port, self.token, self.timeout = port, token, timeout

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str = "") -> tuple[int, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            conn.request(method, f"/api/v1{path}", body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        return response.status, (json.loads(data) if data else {})

    def get(self, path: str, **params) -> tuple[int, dict]:
        return self.request("GET", f"{path}?{urlencode(params, doseq=True)}" if params else path)

    def post_json(self, path: str, payload: dict) -> tuple[int, dict]:
        return self.request("POST", path, json.dumps(payload).encode(), "application/json")

    def upload(self, filename: str, content: bytes, collection: int, title: str = "") -> tuple[int, dict]:
        boundary = uuid.uuid4().hex
        parts = [
            (b'Content-Disposition: form-data; name="collection"', str(collection).encode()),
            (b'Content-Disposition: form-data; name="title"', title.encode()),
        ]
        safe = filename.replace('"', "_").encode()
        parts.append(
            (
                b'Content-Disposition: form-data; name="file"; filename="'
                + safe
                + b'"\r\nContent-Type: application/octet-stream',
                content,
            )
        )
        body = (
            b"".join(
                b"--" + boundary.encode() + b"\r\n" + head + b"\r\n\r\n" + value + b"\r\n" for head, value in parts
            )
            + b"--"
            + boundary.encode()
            + b"--\r\n"
        )
        return self.request("POST", "/assets", body, f"multipart/form-data; boundary={boundary}")
