"""Test-only jobs run through the REAL sandbox pool (resolved by dotted name inside the child)."""

import os
import time


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
