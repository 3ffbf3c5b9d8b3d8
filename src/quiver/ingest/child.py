"""A sandbox child: `python -m quiver.ingest.child FD`. Started (and killed) only by sandbox.Pool.

It receives (job, args, kwargs, cpu seconds, memory MB) on the connection FD, applies the limits, runs the job and
sends back (status, payload, peak KB). It never touches the database or Django."""

import importlib
import os
import resource
import signal
import sys
from multiprocessing.connection import Connection


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
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard_as == resource.RLIM_INFINITY else min(limit, hard_as),
                                            hard_as))
    hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft_cpu = int(_cpu_used()) + max(int(cpu), 1)
    if hard_cpu != resource.RLIM_INFINITY:
        soft_cpu = min(soft_cpu, hard_cpu)
    resource.setrlimit(resource.RLIMIT_CPU, (soft_cpu, hard_cpu))


def serve(conn) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    conn.send(("ready", os.getpid(), peak_kb()))
    while True:
        try:
            job, args, kwargs, cpu, memory_mb = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        _limit(cpu, memory_mb)
        try:
            reply = ("ok", _resolve(job)(*args, **kwargs))
        except MemoryError:
            reply = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
            reply = ("error", f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
        try:
            conn.send((*reply, peak_kb()))
        except MemoryError:
            conn.send(("memory", None, peak_kb()))
            return
        except Exception as exc:  # noqa: BLE001 - an unpicklable result
            conn.send(("error", f"result could not be sent: {type(exc).__name__}", peak_kb()))
        if reply[0] == "memory":
            return  # a fresh child is cheaper than a fragmented heap


def main() -> None:
    conn = Connection(int(sys.argv[1]))
    from . import child_preload  # noqa: F401 - parsers loaded once, before the first job

    serve(conn)


if __name__ == "__main__":
    main()
