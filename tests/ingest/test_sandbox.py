"""The real sandbox pool kills and replaces children that loop, allocate too much or crash."""

import pytest

from quiver.ingest.jobs import JOBS
from quiver.ingest.sandbox import Pool, SandboxError
from tests.ingest.jobs import TEST_JOBS


@pytest.fixture(scope="module")
def pool():
    pool = Pool(1, jobs={**JOBS, **TEST_JOBS})
    yield pool
    pool.close()


def test_runs_jobs_in_a_reused_child(pool):
    first = pool.run("tests.ingest.jobs:pid", timeout=30, cpu=10, memory_mb=512)
    assert pool.run("tests.ingest.jobs:echo", {"a": [1, 2]}, timeout=30, cpu=10, memory_mb=512) == {"a": [1, 2]}
    assert pool.run("tests.ingest.jobs:pid", timeout=30, cpu=10, memory_mb=512) == first


def test_wall_clock_timeout_kills_and_replaces(pool):
    before = pool.run("tests.ingest.jobs:pid", timeout=30, cpu=10, memory_mb=512)
    with pytest.raises(SandboxError, match=r"^timed out after 1 s$"):
        pool.run("tests.ingest.jobs:sleep_forever", timeout=1, cpu=10, memory_mb=512)
    after = pool.run("tests.ingest.jobs:pid", timeout=30, cpu=10, memory_mb=512)
    assert after != before


def test_cpu_limit_kills_a_busy_loop(pool):
    with pytest.raises(SandboxError, match=r"^used more than 1 s of CPU time$"):
        pool.run("tests.ingest.jobs:loop_forever", timeout=20, cpu=1, memory_mb=512)
    assert pool.run("tests.ingest.jobs:echo", 7, timeout=30, cpu=10, memory_mb=512) == 7


def test_memory_limit(pool):
    with pytest.raises(SandboxError, match=r"^ran out of memory \(limit 300 MB\)$"):
        pool.run("tests.ingest.jobs:allocate", 2000, timeout=30, cpu=10, memory_mb=300)
    assert pool.run("tests.ingest.jobs:allocate", 20, timeout=30, cpu=10, memory_mb=300) == 20


def test_crash_is_reported_and_pool_survives(pool):
    with pytest.raises(SandboxError, match=r"crashed \(SIGABRT"):
        pool.run("tests.ingest.jobs:crash", timeout=30, cpu=10, memory_mb=512)
    with pytest.raises(SandboxError, match=r"ValueError: bad input"):
        pool.run("tests.ingest.jobs:fail", timeout=30, cpu=10, memory_mb=512)
    assert pool.run("tests.ingest.jobs:echo", "ok", timeout=30, cpu=10, memory_mb=512) == "ok"
    assert pool.replaced >= 1


def test_pipeline_reports_sandbox_timeout(pool, ingest, settings, monkeypatch):
    from quiver.demo.files import make_pdf
    from quiver.ingest import pipeline

    settings.QUIVER_PARSE_TIMEOUT_SECONDS = 1

    def slow(path, filename):
        try:
            return pool.run("tests.ingest.jobs:sleep_forever")
        except SandboxError as exc:
            return {"status": "failed", "reason": exc.reason, "kind": "", "mime": "", "label": ""}

    monkeypatch.setattr(pipeline, "_analyse", slow)
    version = ingest(make_pdf(["x"]), "x.pdf")
    version.refresh_from_db()
    assert (version.status, version.failure_reason) == ("failed", "timed out after 1 s")


def test_children_get_a_scrubbed_environment(pool, monkeypatch):
    monkeypatch.setenv("QUIVER_SECRET_KEY", "do-not-leak")
    fresh = Pool(1, jobs=TEST_JOBS)
    try:
        env = fresh.run("tests.ingest.jobs:environment", timeout=30, cpu=10, memory_mb=512)
    finally:
        fresh.close()
    assert "QUIVER_SECRET_KEY" not in env and "PATH" in env
