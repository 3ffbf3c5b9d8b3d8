"""A pool of pre-started child processes that run parsing and preview jobs under limits.

Each job runs with RLIMIT_AS (memory), RLIMIT_CPU (CPU seconds, counted per job) and a wall-clock timeout. A child
that times out, runs out of CPU or crashes is killed and replaced; the caller gets a SandboxError with a readable
reason. Children are fresh interpreters (`python -m quiver.ingest.child`: fork+exec, so the threaded, database-connected
worker is never forked) that import the parsers once at start, then serve job after job over a socket: per file the
sandbox costs one round trip, and a replacement (~1 s) is only paid after a kill. The worker never runs a parser.

Jobs come from an allow-list (jobs.JOBS, fixed when a child starts); requests and results are data-only frames
(codec: msgpack, never pickles) and each result is checked against its job's schema and a size limit
(QUIVER_PARSE_RESULT_MB) before the worker uses it. The input file travels as an open descriptor; the child sees
nothing else of the worker: see isolation for what it does to itself (namespaces, no network, uid drop as root)."""

import logging
import os
import pwd
import queue
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from django.conf import settings

from . import codec
from .jobs import JOBS, Job, check_result

START_TIMEOUT = 120
log = logging.getLogger(__name__)
SAFE_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")


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


def use_scratch(path: str) -> None:
    """Set by the child at start: its private directory (made by the parent, which removes it)."""
    global _scratch
    _scratch = path


def _hidden_dirs() -> list[str]:
    """Where the worker keeps what a parser must not read: data dir, originals, search index, SQLite database."""
    paths = [settings.DATA_DIR, settings.MEDIA_ROOT, settings.QUIVER_SEARCH_DIR]
    database = settings.DATABASES.get("default", {})
    if "sqlite" in database.get("ENGINE", "") and str(database.get("NAME", "")).startswith("/"):
        paths.append(os.path.dirname(str(database["NAME"])))
    found = sorted({os.path.realpath(str(path)) for path in paths if path})
    return [path for path in found if not any(path.startswith(other + os.sep) for other in found)]


def _sandbox_user() -> tuple[int | None, int | None]:
    """Children of a root worker run as `nobody`; a normal user's children keep its uid."""
    if os.geteuid() != 0:
        return None, None
    try:
        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    except KeyError:
        return 65534, 65534


class _Child:
    """One child process (`python -m quiver.ingest.child`), in its own session so a kill reaches its helpers."""

    def __init__(self, jobs: dict[str, Job]):
        self.home = tempfile.mkdtemp(prefix="quiver-child-")  # replaced by a private tmpfs where namespaces work
        uid, gid = _sandbox_user()
        if uid is not None:
            os.chown(self.home, uid, gid)
        parent_sock, child_sock = socket.socketpair()
        # a scrubbed environment: no database URL, secret key or storage credentials reach a parser
        env = {key: os.environ[key] for key in SAFE_ENV if key in os.environ}
        env.update(
            HOME=self.home,
            TMPDIR=self.home,
            PYTHONPATH=os.pathsep.join(os.path.abspath(p) for p in sys.path),
            PYTHONDONTWRITEBYTECODE="1",
        )
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "quiver.ingest.child", str(child_sock.fileno())],
                cwd=self.home,
                pass_fds=(child_sock.fileno(),),
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env=env,
            )
        finally:
            child_sock.close()
        self.sock = parent_sock
        codec.send(self.sock, {"home": self.home, "hide": _hidden_dirs(), "uid": uid, "gid": gid, "jobs": sorted(jobs)})
        self.ready = False
        self.isolation = ""
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
        try:
            hello = codec.receive(self.sock, 4096, time.monotonic() + START_TIMEOUT)
        except codec.FrameError:
            raise SandboxError("the sandbox did not start") from None
        if not isinstance(hello, dict) or hello.get("status") != "ready":
            raise SandboxError("the sandbox did not start")
        self.isolation = str(hello.get("isolation", ""))
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
        self.sock.close()
        shutil.rmtree(self.home, ignore_errors=True)


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

    def __init__(
        self, size: int, recycle_after: int = 500, jobs: dict[str, Job] | None = None, result_limit: int | None = None
    ):
        self.size = max(1, size)
        self.recycle_after = recycle_after
        self.jobs = dict(JOBS if jobs is None else jobs)
        self.result_limit = result_limit or settings.QUIVER_PARSE_RESULT_MB * 1024 * 1024
        self.idle: queue.LifoQueue[_Child] = queue.LifoQueue()
        self.peak_kb = 0
        self.replaced = 0
        self.isolation = ""
        self.pids: set[int] = set()
        self._lock = threading.Lock()
        for _ in range(self.size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Child:
        child = _Child(self.jobs)
        with self._lock:
            self.pids.add(child.pid)
        return child

    def _replace(self, child: _Child) -> _Child:
        child.kill()
        with self._lock:
            self.pids.discard(child.pid)
            self.replaced += 1
        return self._spawn()

    def _ready(self, child: _Child) -> None:
        if not child.ready:
            child.wait_ready()
            if child.isolation != self.isolation:
                self.isolation = child.isolation
                log.info("sandbox children: %s", child.isolation)

    def run(
        self,
        job: str,
        *args,
        timeout: float | None = None,
        cpu: int | None = None,
        memory_mb: int | None = None,
        **kwargs,
    ):
        """Run job(*args, **kwargs) in a child; return its checked result or raise SandboxError(reason)."""
        spec = self.jobs.get(job)
        if spec is None:
            raise ValueError(f"not an allowed sandbox job: {job}")
        timeout = float(timeout or settings.QUIVER_PARSE_TIMEOUT_SECONDS)
        cpu = int(cpu or settings.QUIVER_PARSE_CPU_SECONDS)
        memory_mb = int(memory_mb or settings.QUIVER_PARSE_MEMORY_MB)
        try:
            source = os.open(args[0], os.O_RDONLY | os.O_CLOEXEC) if spec.takes_file else None
        except OSError as exc:
            raise SandboxError(f"the file to parse could not be opened ({type(exc).__name__})") from None
        child = self.idle.get()
        healthy = False
        try:
            if not child.alive():
                child = self._replace(child)
            self._ready(child)
            reply = self._exchange(
                child,
                {
                    "job": job,
                    "args": [None, *args[1:]] if spec.takes_file else list(args),
                    "kwargs": kwargs,
                    "cpu": cpu,
                    "memory_mb": memory_mb,
                },
                () if source is None else (source,),
                timeout,
                cpu,
                memory_mb,
            )
            status = reply["status"]
            if status == "memory":
                raise SandboxError(f"ran out of memory (limit {memory_mb} MB)")
            if status == "error":
                healthy = True
                raise SandboxError(f"the parser failed ({reply.get('error')})")
            if problem := check_result(spec, reply.get("result")):
                raise SandboxError(f"the parser sent back an invalid result ({problem})")
            child.jobs += 1
            healthy = child.jobs < self.recycle_after
            return reply["result"]
        finally:
            if source is not None:
                os.close(source)
            if not healthy:  # anything unexpected: this child is not asked again
                try:
                    child = self._replace(child)
                except Exception:
                    log.exception("could not start a sandbox child")
            self.idle.put(child)

    def _exchange(self, child: _Child, request: dict, fds: tuple, timeout: float, cpu: int, memory_mb: int) -> dict:
        """Send one request and receive its reply: a dict with a known status, or SandboxError."""
        try:
            codec.send(child.sock, request, fds)
            reply = codec.receive(child.sock, self.result_limit, time.monotonic() + timeout)
        except codec.FrameTimeout:
            raise SandboxError(f"timed out after {timeout:g} s") from None
        except codec.FrameTooLarge as exc:
            raise SandboxError(f"the parser sent back {exc.reason}") from None
        except codec.Closed:
            raise SandboxError(_death_reason(child.exitcode(), cpu, memory_mb)) from None
        except codec.FrameError as exc:
            raise SandboxError(f"the parser sent back an invalid result ({exc.reason})") from None
        except OSError:  # the request could not be sent: the child is gone
            raise SandboxError(_death_reason(child.exitcode(), cpu, memory_mb)) from None
        if not isinstance(reply, dict) or reply.get("status") not in ("ok", "error", "memory"):
            raise SandboxError("the parser sent back an invalid result (not a reply)")
        peak = reply.get("peak_kb")
        self.peak_kb = max(self.peak_kb, peak if type(peak) is int else 0)
        return reply

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
                self._ready(child)
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
