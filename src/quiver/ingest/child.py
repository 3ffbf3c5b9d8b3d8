"""A sandbox child: `python -m quiver.ingest.child FD`. Started (and killed) only by sandbox.Pool.

Protocol (codec frames, data only): the parent first sends its set-up {home, hide, uid, gid, jobs}; the child
confines itself (isolation.confine), loads the parsers and the allowed jobs, and answers {status: "ready"}.
Then per job: {job, args, kwargs, cpu, memory_mb} (with the input file's descriptor attached when the job takes a
file) -> {status: ok|error|memory, result | error, peak_kb}. It never touches the database or Django."""

import importlib
import os
import resource
import signal
import socket
import sys

from . import codec
from .isolation import confine

REQUEST_LIMIT = 64 * 1024 * 1024  # requests come from the worker: plain arguments, never file contents


def _resolve(path: str):
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_kb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _limit(cpu: int, memory_mb: int) -> None:
    """Memory is a soft RLIMIT_AS; CPU is counted per job (the soft RLIMIT_CPU moves with the time used)."""
    hard_as = resource.getrlimit(resource.RLIMIT_AS)[1]
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(
        resource.RLIMIT_AS, (limit if hard_as == resource.RLIM_INFINITY else min(limit, hard_as), hard_as)
    )
    hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft_cpu = int(_cpu_used()) + max(int(cpu), 1)
    if hard_cpu != resource.RLIM_INFINITY:
        soft_cpu = min(soft_cpu, hard_cpu)
    resource.setrlimit(resource.RLIMIT_CPU, (soft_cpu, hard_cpu))


def _close(fd: int, identity: tuple) -> None:
    """Close the input descriptor unless the job did (and its number now names another file)."""
    try:
        stat = os.fstat(fd)
        if (stat.st_dev, stat.st_ino) == identity:
            os.close(fd)
    except OSError:
        pass


def _call(functions: dict, request: dict, fds: list[int]) -> dict:
    function = functions.get(request.get("job"))
    if function is None:
        return {"status": "error", "error": f"job not allowed: {str(request.get('job'))[:100]}"}
    args = list(request.get("args") or [])
    if fds:
        args[0] = fds[0]
    _limit(request["cpu"], request["memory_mb"])
    try:
        return {"status": "ok", "result": function(*args, **(request.get("kwargs") or {}))}
    except MemoryError:
        return {"status": "memory"}
    except BaseException as exc:
        return {"status": "error", "error": f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"}


def _reply(sock: socket.socket, reply: dict) -> None:
    reply["peak_kb"] = peak_kb()
    try:
        codec.send(sock, reply)
    except MemoryError:
        codec.send(sock, {"status": "memory", "peak_kb": peak_kb()})
    except (TypeError, ValueError, OverflowError) as exc:  # not plain data: reported, never pickled instead
        codec.send(
            sock, {"status": "error", "error": f"result could not be sent: {type(exc).__name__}", "peak_kb": peak_kb()}
        )


def serve(sock: socket.socket, functions: dict) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        fds: list[int] = []
        try:
            request = codec.receive(sock, REQUEST_LIMIT, fds=fds)
        except (codec.FrameError, KeyboardInterrupt):
            return
        identities = [(fd, (os.fstat(fd).st_dev, os.fstat(fd).st_ino)) for fd in fds]
        reply = _call(functions, request, fds)
        for fd, identity in identities:
            _close(fd, identity)
        _reply(sock, reply)
        if reply["status"] == "memory":
            return  # a fresh child is cheaper than a fragmented heap


def main() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sock = socket.socket(fileno=int(sys.argv[1]))
    setup = codec.receive(sock, REQUEST_LIMIT)
    isolation = confine(setup["home"], setup["hide"], setup["uid"], setup["gid"])
    from . import child_preload, sandbox  # noqa: F401 - parsers loaded once, before the first job

    sandbox.use_scratch(setup["home"])
    functions = {name: _resolve(name) for name in setup["jobs"]}
    codec.send(sock, {"status": "ready", "pid": os.getpid(), "isolation": isolation, "peak_kb": peak_kb()})
    serve(sock, functions)


if __name__ == "__main__":
    main()
