"""A pool of pre-started child processes that run parsing and preview jobs under limits.

Each job runs with RLIMIT_AS (memory), RLIMIT_CPU (CPU seconds, counted per job) and a wall-clock timeout. A child
that times out, runs out of CPU or crashes is killed and replaced; the caller gets a SandboxError with a readable
reason. Children are fresh interpreters (`python -m quiver.ingest.child`: fork+exec, so the threaded, database-connected
worker is never forked) that import the parsers once at start, then serve job after job over a socket: per file the
sandbox costs one round trip, and a replacement (~1 s) is only paid after a kill. The worker never runs a parser.

Jobs are named by dotted path ("quiver.ingest.analyse:analyse"); the names come from code, never from users,
and the arguments are plain data (a temp file path copied from storage, never a user path)."""

import glob
import logging
import os
import pickle
import queue
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from multiprocessing.connection import Connection

from django.conf import settings

START_TIMEOUT = 120
log = logging.getLogger(__name__)
SAFE_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ")


class SandboxError(Exception):
    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


_scratch: str | None = None


def scratch_dir() -> str:
    """A private directory of the current child (e.g. its LibreOffice profile); removed when the child goes."""
    global _scratch
    if _scratch is None or not os.path.isdir(_scratch):
        _scratch = tempfile.mkdtemp(prefix=f"quiver-child-{os.getpid()}-")
    return _scratch


def _remove_scratch(pid: int) -> None:
    for path in glob.glob(os.path.join(tempfile.gettempdir(), f"quiver-child-{pid}-*")):
        shutil.rmtree(path, ignore_errors=True)


class _Child:
    """One child process (`python -m quiver.ingest.child`), in its own session so a kill reaches its helpers."""

    def __init__(self):
        parent_sock, child_sock = socket.socketpair()
        # a scrubbed environment: no database URL, secret key or storage credentials reach a parser
        env = {key: os.environ[key] for key in SAFE_ENV if key in os.environ}
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "quiver.ingest.child", str(child_sock.fileno())],
                pass_fds=(child_sock.fileno(),), stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        finally:
            child_sock.close()
        self.conn = Connection(parent_sock.detach())
        self.ready = False
        self.jobs = 0

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def exitcode(self) -> int | None:
        try:
            return self.process.wait(2)
        except subprocess.TimeoutExpired:
            return None

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(START_TIMEOUT):
            raise SandboxError("the sandbox did not start")
        try:
            self.conn.recv()
        except (EOFError, OSError):
            raise SandboxError("the sandbox did not start") from None
        self.ready = True

    def kill(self) -> None:
        for target in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: self.process.kill()):
            try:
                target()
            except OSError:
                pass
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()
        _remove_scratch(self.pid)


def _death_reason(exitcode: int | None, cpu: int, memory_mb: int) -> str:
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        if sig == signal.SIGXCPU:
            return f"used more than {cpu} s of CPU time"
        if sig == signal.SIGKILL:
            return f"ran out of memory (limit {memory_mb} MB)"
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return f"the parser crashed ({name}; memory limit {memory_mb} MB)"
    if exitcode:
        return f"the parser exited unexpectedly (code {exitcode})"
    return "the parser stopped unexpectedly"


class Pool:
    """Pre-started children; `run` borrows one, so up to `size` jobs run at once (one per thread)."""

    def __init__(self, size: int, recycle_after: int = 500):
        self.size = max(1, size)
        self.recycle_after = recycle_after
        self.idle: queue.LifoQueue[_Child] = queue.LifoQueue()
        self.peak_kb = 0
        self.replaced = 0
        self.pids: set[int] = set()
        self._lock = threading.Lock()
        for _ in range(self.size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Child:
        child = _Child()
        with self._lock:
            self.pids.add(child.pid)
        return child

    def _replace(self, child: _Child) -> _Child:
        child.kill()
        with self._lock:
            self.pids.discard(child.pid)
            self.replaced += 1
        return self._spawn()

    def run(self, job: str, *args, timeout: float | None = None, cpu: int | None = None,
            memory_mb: int | None = None, **kwargs):
        """Run job(*args, **kwargs) in a child; return its result or raise SandboxError(reason)."""
        timeout = float(timeout or settings.QUIVER_PARSE_TIMEOUT_SECONDS)
        cpu = int(cpu or settings.QUIVER_PARSE_CPU_SECONDS)
        memory_mb = int(memory_mb or settings.QUIVER_PARSE_MEMORY_MB)
        child = self.idle.get()
        healthy = False
        try:
            if not child.alive():
                child = self._replace(child)
            child.wait_ready()
            try:
                child.conn.send((job, args, kwargs, cpu, memory_mb))
                if not child.conn.poll(timeout):
                    raise SandboxError(f"timed out after {timeout:g} s")
                status, payload, peak = child.conn.recv()
            except (EOFError, OSError, ValueError, pickle.UnpicklingError):
                raise SandboxError(_death_reason(child.exitcode(), cpu, memory_mb)) from None
            self.peak_kb = max(self.peak_kb, peak or 0)
            if status == "memory":
                raise SandboxError(f"ran out of memory (limit {memory_mb} MB)")
            if status == "error":
                healthy = True
                raise SandboxError(f"the parser failed ({payload})")
            child.jobs += 1
            healthy = child.jobs < self.recycle_after
            return payload
        finally:
            if not healthy:
                try:
                    child = self._replace(child)
                except Exception:  # noqa: BLE001 - cannot spawn now: the dead child is replaced on next use
                    log.exception("could not start a sandbox child")
            self.idle.put(child)

    def warm(self) -> None:
        """Wait until every idle child has started (a worker calls this once at start-up)."""
        children = []
        while True:
            try:
                children.append(self.idle.get_nowait())
            except queue.Empty:
                break
        for child in children:
            try:
                child.wait_ready()
            except SandboxError:
                child = self._replace(child)
            self.idle.put(child)

    def close(self) -> None:
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                return


_pool: Pool | None = None
_pool_lock = threading.Lock()


def get_pool() -> Pool:
    """The process-wide pool, started on first use with settings.QUIVER_PARSE_WORKERS children."""
    global _pool
    with _pool_lock:
        if _pool is None or _pool.size != max(1, settings.QUIVER_PARSE_WORKERS):
            if _pool is not None:
                _pool.close()
            _pool = Pool(settings.QUIVER_PARSE_WORKERS)
        return _pool


def start_pool() -> Pool:
    """Start the pool now and wait for its children: for workers, so the first file does not pay for it."""
    pool = get_pool()
    pool.warm()
    return pool


def peak_memory_mb() -> dict:
    """Peak resident memory (MB) of this process and of the largest sandbox child (helpers included)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = _pool.peak_kb if _pool is not None else 0
    return {"worker": round(own / 1024, 1), "child": round(child / 1024, 1)}

