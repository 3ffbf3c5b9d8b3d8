"""The process supervisor of `quiver serve`: starts the web server and the worker lanes, restarts any child that
dies (with a log line, backing off when it keeps dying), and stops them all on Ctrl-C / SIGTERM."""

import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

STABLE_SECONDS = 30.0  # a child that ran this long before dying is restarted at once
MAX_BACKOFF_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 15.0


def say(message: str) -> None:
    print(f"quiver: {message}", file=sys.stderr, flush=True)


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def listen(host: str, port: int) -> socket.socket:
    """The web server's listening socket, opened here and handed to each gunicorn started (`--bind fd://N`): while
    a dead gunicorn is replaced, connections wait in the backlog instead of being refused."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def backoff(quick_deaths: int) -> float:
    """0 s for the first death after a stable run, then 1, 2, 4... up to MAX_BACKOFF_SECONDS (a crash loop)."""
    return 0.0 if quick_deaths <= 1 else min(MAX_BACKOFF_SECONDS, 2.0 ** (quick_deaths - 2))


@dataclass
class Child:
    name: str
    argv: list[str]
    env: dict | None = None
    pass_fds: tuple[int, ...] = ()
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    quick_deaths: int = 0
    next_start: float = 0.0
    starts: int = field(default=0)

    def start(self) -> None:
        self.proc = subprocess.Popen(self.argv, env=self.env, pass_fds=self.pass_fds)
        self.started_at = time.monotonic()
        self.starts += 1
        if self.starts > 1:
            say(f"{self.name} restarted (pid {self.proc.pid})")

    def check(self, now: float) -> None:
        """Start the child when due; notice its death and schedule the restart."""
        if self.proc is None:
            if now >= self.next_start:
                self.start()
            return
        code = self.proc.poll()
        if code is None:
            return
        uptime = now - self.started_at
        self.quick_deaths = self.quick_deaths + 1 if uptime < STABLE_SECONDS else 1
        delay = backoff(self.quick_deaths)
        say(
            f"{self.name} (pid {self.proc.pid}) {describe_exit(code)} after {uptime:.0f} s; "
            f"restarting it{f' in {delay:.0f} s' if delay else ''}"
        )
        self.proc, self.next_start = None, now + delay


def supervise(children: list[Child], poll_seconds: float = 0.5) -> None:
    """Run until SIGINT/SIGTERM, then stop every child (SIGTERM, SIGKILL after STOP_TIMEOUT_SECONDS)."""
    stopping = False

    def stop(signum, _frame):
        nonlocal stopping
        if not stopping:
            say(f"{signal.Signals(signum).name} received, stopping")
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        for child in children:
            child.start()
        while not stopping:
            now = time.monotonic()
            for child in children:
                child.check(now)
            time.sleep(poll_seconds)
    finally:
        stop_all(children)


def stop_all(children: list[Child]) -> None:
    running = [c.proc for c in children if c.proc is not None and c.proc.poll() is None]
    for proc in running:
        proc.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    for proc in running:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    say("stopped")
