"""Test-only jobs run through the REAL sandbox pool (a test pool allows them: TEST_JOBS)."""

import os
import struct
import sys
import time

from quiver.ingest.jobs import AnalyseResult, Job, RenderResult


def echo(value):
    return value


def pid():
    return os.getpid()


def loop_forever():
    while True:
        pass


def sleep_forever():
    while True:
        time.sleep(1)


def allocate(mb: int):
    blocks = []
    for _ in range(mb):
        blocks.append(bytearray(1024 * 1024))
    return len(blocks)


def crash():
    os.abort()


def fail():
    raise ValueError("bad input")


def environment():
    return dict(os.environ)


def send_raw(frame_body: bytes):
    """A hostile child: writes its own frame (say, a pickle) on the socket to the worker, before the real reply."""
    sock = int(sys.argv[1])
    os.write(sock, struct.pack("!I", len(frame_body)) + frame_body)
    return "sent"


def stall():
    """A hostile child: announces a frame, sends half of it and stops."""
    os.write(int(sys.argv[1]), struct.pack("!I", 1000) + b"\x92" * 10)
    while True:
        time.sleep(1)


def blob(size: int):
    return b"x" * size


def returns(value):
    return value


def snoop(source, paths: list[str]) -> dict:
    """What a parser could reach: its input (a descriptor), the worker's files, environment and working dir."""
    with open(source, "rb") as fh:
        seen = {
            "input": fh.read(),
            "env": sorted(os.environ),
            "cwd": os.getcwd(),
            "cwd_entries": sorted(os.listdir(".")),
            "uid": os.getuid(),
        }
    for path in paths:
        try:
            with open(path, "rb") as fh:
                seen[path] = "read: " + fh.read(100).decode("latin-1")
        except OSError as exc:
            seen[path] = type(exc).__name__
    try:
        import socket

        socket.create_connection(("127.0.0.1", 54329), timeout=2).close()
        seen["network"] = "connected"
    except OSError as exc:
        seen["network"] = type(exc).__name__
    return seen


TEST_JOBS = {
    f"tests.ingest.jobs:{name}": Job()
    for name in (
        "echo",
        "pid",
        "loop_forever",
        "sleep_forever",
        "allocate",
        "crash",
        "fail",
        "environment",
        "send_raw",
        "stall",
        "blob",
    )
}
TEST_JOBS["tests.ingest.jobs:snoop"] = Job(takes_file=True)
TEST_JOBS["tests.ingest.jobs:returns_analysis"] = Job(AnalyseResult)
TEST_JOBS["tests.ingest.jobs:returns_render"] = Job(RenderResult)
returns_analysis = returns_render = returns
