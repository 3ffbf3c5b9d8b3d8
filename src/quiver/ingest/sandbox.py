"""A pool of pre-started child processes that run parsing and preview jobs under limits.

Each job runs with RLIMIT_AS (memory), RLIMIT_CPU (CPU seconds, counted per job) and a wall-clock timeout. A child
that times out, runs out of CPU or crashes is killed and replaced; the caller gets a SandboxError with a readable
reason. Children are forked from a forkserver that has already imported the parsers, so a replacement costs
milliseconds and the pool itself costs little. The worker process never runs a parser itself.

Jobs are named by dotted path ("quiver.ingest.analyse:analyse"); the names come from code, never from users,
and the arguments are plain data (a temp file path copied from storage, never a user path)."""

import glob
import importlib
import multiprocessing
import os
import queue
import resource
import shutil
import signal
import tempfile
import threading

from django.conf import settings

PRELOAD = ["quiver.ingest.child_preload"]
START_TIMEOUT = 120


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


def _resolve(path: str):
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_kb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _child_main(conn) -> None:
    """Loop of a child: receive (job, args, kwargs, cpu seconds, memory MB), run it, send the outcome."""
    try:
        os.setpgid(0, 0)  # its own process group, so a kill also reaches helpers such as LibreOffice
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    conn.send(("ready", os.getpid(), _peak_kb()))
    while True:
        try:
            job, args, kwargs, cpu, memory_mb = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        hard_as = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard_as == resource.RLIM_INFINITY else min(limit, hard_as),
                                                hard_as))
        hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)[1]
        soft_cpu = int(_cpu_used()) + max(int(cpu), 1)
        if hard_cpu != resource.RLIM_INFINITY:
            soft_cpu = min(soft_cpu, hard_cpu)
        resource.setrlimit(resource.RLIMIT_CPU, (soft_cpu, hard_cpu))
        try:
            reply = ("ok", _resolve(job)(*args, **kwargs))
        except MemoryError:
            reply = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
            reply = ("error", f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
        try:
            conn.send((*reply, _peak_kb()))
        except MemoryError:
            conn.send(("memory", None, _peak_kb()))
            return
        except Exception as exc:  # noqa: BLE001 - an unpicklable result
            conn.send(("error", f"result could not be sent: {type(exc).__name__}", _peak_kb()))
        if reply[0] == "memory":
            return  # a fresh child is cheaper than a fragmented heap


class _Child:
    def __init__(self, context):
        self.conn, child_conn = context.Pipe(duplex=True)
        self.process = context.Process(target=_child_main, args=(child_conn,), daemon=True, name="quiver-sandbox")
        self.process.start()
        child_conn.close()
        self.ready = False
        self.jobs = 0

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(START_TIMEOUT):
            raise SandboxError("the sandbox did not start")
        self.conn.recv()
        self.ready = True

    def kill(self) -> None:
        pid = self.process.pid
        for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                target()
            except (ProcessLookupError, PermissionError, OSError, TypeError):
                pass
        self.process.join(5)
        self.conn.close()
        _remove_scratch(pid)


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
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(PRELOAD)
        self.idle: queue.LifoQueue[_Child] = queue.LifoQueue()
        self.peak_kb = 0
        self.replaced = 0
        self.pids: set[int] = set()
        self._lock = threading.Lock()
        for _ in range(self.size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Child:
        child = _Child(self.context)
        with self._lock:
            self.pids.add(child.process.pid)
        return child

    def _replace(self, child: _Child) -> _Child:
        child.kill()
        with self._lock:
            self.pids.discard(child.process.pid)
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
            if not child.process.is_alive():
                child = self._replace(child)
            child.wait_ready()
            child.conn.send((job, args, kwargs, cpu, memory_mb))
            if not child.conn.poll(timeout):
                raise SandboxError(f"timed out after {timeout:g} s")
            try:
                status, payload, peak = child.conn.recv()
            except (EOFError, OSError, ConnectionError):
                child.process.join(2)
                raise SandboxError(_death_reason(child.process.exitcode, cpu, memory_mb)) from None
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
            self.idle.put(child if healthy else self._replace(child))

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


def peak_memory_mb() -> dict:
    """Peak resident memory (MB) of this process and of the largest sandbox child (helpers included)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = _pool.peak_kb if _pool is not None else 0
    return {"worker": round(own / 1024, 1), "child": round(child / 1024, 1)}

