"""What crosses from a sandbox child to the worker is checked data: no pickles, no oversized or stalled frames,
no result of the wrong shape, no job outside the allow-list; the pool survives each and replaces the child."""

import pickle
import time

import pytest

from quiver.ingest import codec
from quiver.ingest.jobs import JOBS, check_result
from quiver.ingest.sandbox import Pool, SandboxError
from tests.ingest.jobs import TEST_JOBS

LIMITS = {"timeout": 30, "cpu": 10, "memory_mb": 512}


@pytest.fixture(scope="module")
def pool():
    pool = Pool(1, jobs={**JOBS, **TEST_JOBS}, result_limit=1024 * 1024)
    yield pool
    pool.close()


class _Exploit:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):  # unpickling this creates the marker file: proof that code ran in the worker
        return (open, (self.marker, "w"))


def test_a_pickle_sent_by_the_child_is_never_unpickled(pool, tmp_path):
    marker = tmp_path / "pwned"
    exploit = pickle.dumps(("ok", _Exploit(str(marker)), 0), protocol=2)
    before = pool.run("tests.ingest.jobs:pid", **LIMITS)
    with pytest.raises(SandboxError, match=r"^the parser sent back an invalid result \("):
        pool.run("tests.ingest.jobs:send_raw", exploit, **LIMITS)
    assert not marker.exists()
    after = pool.run("tests.ingest.jobs:pid", **LIMITS)  # a fresh child: the old one's stream is not trusted
    assert after != before


def test_valid_msgpack_that_is_not_a_reply_is_refused(pool):
    with pytest.raises(SandboxError, match=r"invalid result \(not a reply\)"):
        pool.run("tests.ingest.jobs:send_raw", codec.encode(["ok", {"x": 1}]), **LIMITS)
    with pytest.raises(SandboxError, match=r"msgpack extension type"):
        pool.run("tests.ingest.jobs:send_raw", b"\xd4\x05\x00", **LIMITS)  # fixext 1, type 5
    assert pool.run("tests.ingest.jobs:echo", {"a": b"\x00bytes"}, **LIMITS) == {"a": b"\x00bytes"}


def test_an_oversized_result_is_refused_before_it_is_read(pool):
    assert len(pool.run("tests.ingest.jobs:blob", 512 * 1024, **LIMITS)) == 512 * 1024
    with pytest.raises(SandboxError, match=r"^the parser sent back a result too large \(3 MB; the limit is 1 MB\)$"):
        pool.run("tests.ingest.jobs:blob", 3 * 1024 * 1024, **LIMITS)
    assert pool.run("tests.ingest.jobs:echo", 1, **LIMITS) == 1


def test_a_child_stalling_mid_frame_times_out(pool):
    started = time.monotonic()
    with pytest.raises(SandboxError, match=r"^timed out after 1 s$"):
        pool.run("tests.ingest.jobs:stall", timeout=1, cpu=10, memory_mb=512)
    assert time.monotonic() - started < 5
    assert pool.run("tests.ingest.jobs:echo", 2, **LIMITS) == 2


BASE = {"kind": "pdf", "mime": "", "label": "", "status": "ready", "reason": ""}


@pytest.mark.parametrize(
    ("job", "value", "reason"),
    [
        ("analyse", ["not", "a", "dict"], "a list instead of a mapping"),
        ("analyse", {**BASE, "extra": 1}, "extra: Extra inputs are not permitted"),
        ("analyse", {**BASE, "status": "pwned"}, "status: Input should be 'ready' or 'failed'"),
        ("analyse", {**BASE, "pages": ["a", b"bytes"]}, "pages.1: Input should be a valid string"),
        ("analyse", {**BASE, "page_count": True}, "page_count: Input should be a valid integer"),
        ("analyse", {**BASE, "metadata": {"x": b"\x00"}}, "metadata.x"),
        ("render", {"thumbnail": b"img", "ext": "../../settings"}, "ext: String should match pattern"),
        ("render", {"pages": ["text instead of an image"]}, "pages.0"),
    ],
)
def test_check_result_names_what_is_wrong(job, value, reason):
    name = "quiver.ingest.analyse:analyse" if job == "analyse" else "quiver.ingest.previews:render"
    assert check_result(JOBS[name], value).startswith(reason)


def test_a_result_of_the_wrong_shape_fails_the_file_and_replaces_the_child(pool):
    before = pool.run("tests.ingest.jobs:pid", **LIMITS)
    with pytest.raises(SandboxError, match=r"^the parser sent back an invalid result \(ext: String should match"):
        pool.run("tests.ingest.jobs:returns_render", {"thumbnail": b"img", "ext": "../../settings"}, **LIMITS)
    assert pool.run("tests.ingest.jobs:pid", **LIMITS) != before


def test_results_of_the_right_shape_pass_unchanged(pool):
    analysis = {
        "kind": "pdf",
        "mime": "application/pdf",
        "label": "a PDF",
        "status": "ready",
        "reason": "",
        "pages": ["one", "two"],
        "page_count": 2,
        "metadata": {"title": "T", "damaged_pages": [1, 2]},
    }
    assert pool.run("tests.ingest.jobs:returns_analysis", analysis, **LIMITS) == analysis
    assert pool.run("tests.ingest.jobs:returns_render", {}, **LIMITS) == {}
    render = {"thumbnail": b"RIFF", "pages": [b"RIFF", None], "ext": "webp"}
    assert pool.run("tests.ingest.jobs:returns_render", render, **LIMITS) == render


def test_only_allowed_jobs_run(pool):
    with pytest.raises(ValueError, match="not an allowed sandbox job"):
        pool.run("os:system", "touch /tmp/x", **LIMITS)
    child = pool.idle.get()  # a request naming another function is refused by the child itself
    try:
        pool._ready(child)
        codec.send(child.sock, {"job": "os:system", "args": ["true"], "kwargs": {}, "cpu": 5, "memory_mb": 512})
        reply = codec.receive(child.sock, 4096, time.monotonic() + 10)
    finally:
        pool.idle.put(child)
    assert reply["status"] == "error" and reply["error"] == "job not allowed: os:system"
    assert pool.run("tests.ingest.jobs:echo", 3, **LIMITS) == 3
