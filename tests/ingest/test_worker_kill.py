"""A REAL worker killed mid-parse: `quiver worker` subprocesses sharing a file-based SQLite database with this test.

The first worker claims a long PDF and is SIGKILLed while its sandbox child parses (after the heartbeat renewed the
lease at least once). A new worker's periodic sweep finds the expired claim and re-queues the version, which ends
"ready" with no manual action; with QUIVER_INGEST_MAX_ATTEMPTS=1 it ends "failed" with the reason instead.
Before leases, the version stayed "processing" forever. On SQLite they share a database file; when the suite runs on
PostgreSQL (QUIVER_DATABASE_URL), each test gets its own database cloned from a migrated template."""

import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pypdfium2 as pdfium
import pytest

from quiver.demo.files import make_pdf

SRC = str(Path(__file__).resolve().parents[2] / "src")
PAGES = 1000
POSTGRES = os.environ.get("QUIVER_DATABASE_URL", "").startswith("postgres")
CREATE = """
import sys, django
django.setup()
from django.core.files.base import ContentFile
from django.db import transaction
from quiver.library import services
with open(sys.argv[1], "rb") as fh:
    data = fh.read()
with transaction.atomic():  # the task is enqueued at commit, into the database queue
    asset = services.create_asset(None, file=ContentFile(data, name="long.pdf"), filename="long.pdf")
print(asset.current_version_id)
"""


def _long_pdf(path: Path) -> None:
    body = "\n".join(["Interrupted parsing resumes by itself " * 3] * 40)
    one = pdfium.PdfDocument(make_pdf([f"Long document\n{body}"]))
    doc = pdfium.PdfDocument.new()
    for _ in range(PAGES):
        doc.import_pages(one)
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    one.close()
    path.write_bytes(buf.getvalue())


def _database_url(name: str) -> str:
    return urlunsplit(urlsplit(os.environ["QUIVER_DATABASE_URL"])._replace(path=f"/{name}"))


def _postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(os.environ["QUIVER_DATABASE_URL"], autocommit=True) as db:
        db.execute(sql)


class World:
    def __init__(self, tmp_path: Path, database: str = "", **env: str):
        self.data = tmp_path / "data"
        self.pdf = tmp_path / "long.pdf"
        self.database = database  # PostgreSQL: this database; SQLite: the file in the data directory
        if database:
            env["QUIVER_DATABASE_URL"] = _database_url(database)
        self.env = {
            key: value for key, value in os.environ.items() if not key.startswith(("QUIVER_", "DJANGO_", "PYTEST_"))
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "quiver.settings",
                "QUIVER_DATA_DIR": str(self.data),
                "QUIVER_PARSE_WORKERS": "1",
                "QUIVER_PREVIEWS": "false",
                "QUIVER_PARSE_TIMEOUT_SECONDS": "120",
                "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]),
                **env,
            }
        )
        self.procs: list[subprocess.Popen] = []

    def run(self, *args: str) -> str:
        done = subprocess.run([sys.executable, *args], env=self.env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def worker(self, **env: str) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, "-m", "quiver.cli.entry", "worker"],
            env={**self.env, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.procs.append(proc)
        return proc

    def version(self, pk: int) -> dict:
        sql = (
            "SELECT status, failure_reason, attempts, interruptions, lease_expires_at, "
            "(SELECT COUNT(*) FROM library_assetpage WHERE version_id = v.id) AS pages "
            "FROM library_assetversion v WHERE id = %s"
        )
        if self.database:
            import psycopg
            from psycopg.rows import dict_row

            with psycopg.connect(_database_url(self.database), row_factory=dict_row) as db:
                return db.execute(sql, (pk,)).fetchone()
        with sqlite3.connect(self.data / "quiver.sqlite3", timeout=30) as db:
            db.row_factory = sqlite3.Row
            return dict(db.execute(sql.replace("%s", "?"), (pk,)).fetchone())

    def wait(self, pk: int, until, timeout: float, proc: subprocess.Popen | None = None) -> list[dict]:
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen.append(self.version(pk))
            if until(seen):
                return seen
            assert proc is None or proc.poll() is None, f"the worker exited ({proc.returncode})"
            time.sleep(0.05)
        raise AssertionError(f"timed out; last state {seen[-1]}")

    def kill_tree(self, proc: subprocess.Popen) -> None:
        """SIGKILL a worker and the sandbox children it started (they run in their own sessions)."""
        children = _children(proc.pid)
        for pid in [proc.pid, *children]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                self.kill_tree(proc)
        if self.database:
            _postgres(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A migrated data directory (and PostgreSQL template database) and the long PDF, made once; each test works
    on its own copy."""
    base = tmp_path_factory.mktemp("killed-worker")
    template = f"quiver_kill_template_{uuid.uuid4().hex[:8]}" if POSTGRES else ""
    if template:
        _postgres(f'CREATE DATABASE "{template}"')
    world = World(base, template)
    world.run("-m", "quiver.cli.entry", "migrate")
    _long_pdf(world.pdf)
    yield base, template
    if template:
        _postgres(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


def _killed_mid_parse(migrated, tmp_path: Path, **env: str) -> tuple[World, int]:
    base, template = migrated
    shutil.copytree(base, tmp_path, dirs_exist_ok=True)
    database = f"quiver_kill_{uuid.uuid4().hex[:8]}" if template else ""
    if database:
        _postgres(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    world = World(tmp_path, database, **env)
    try:
        pk = int(world.run("-c", CREATE, str(world.pdf)).split()[-1])
        first = world.worker(QUIVER_INGEST_LEASE_SECONDS="1")  # a beat every third of a second
        # claimed, and the heartbeat renewed the lease while the child parses: kill it there
        seen = world.wait(
            pk,
            lambda s: (
                s[-1]["lease_expires_at"] and len({r["lease_expires_at"] for r in s if r["lease_expires_at"]}) >= 2
            ),
            timeout=90,
            proc=first,
        )
        world.kill_tree(first)
        state = world.version(pk)
        assert seen[-1]["status"] == state["status"] == "processing", "the parse finished before the kill"
        assert state["attempts"] == 1 and state["lease_expires_at"] and state["pages"] == 0
    except BaseException:
        world.stop_all()
        raise
    return world, pk


def test_a_worker_killed_mid_parse_is_resumed_by_the_next_worker(migrated, tmp_path):
    world, pk = _killed_mid_parse(migrated, tmp_path)
    try:
        started = time.monotonic()
        second = world.worker(QUIVER_INGEST_LEASE_SECONDS="1")  # its periodic sweep runs within ~15 s
        done = world.wait(pk, lambda s: s[-1]["status"] != "processing", timeout=150, proc=second)[-1]
        print(f"recovered in {time.monotonic() - started:.1f} s")
    finally:
        world.stop_all()
    assert done["status"] == "ready", done["failure_reason"]
    assert (done["attempts"], done["interruptions"], done["lease_expires_at"]) == (2, 0, None)
    assert done["pages"] == PAGES


@pytest.mark.corpus  # ~40 s more; the same bound is tested with the clock moved in test_leases
def test_a_version_interrupted_too_often_is_failed_with_the_reason(migrated, tmp_path):
    world, pk = _killed_mid_parse(migrated, tmp_path, QUIVER_INGEST_MAX_ATTEMPTS="1")
    try:
        second = world.worker(QUIVER_INGEST_LEASE_SECONDS="1")
        done = world.wait(pk, lambda s: s[-1]["status"] != "processing", timeout=150, proc=second)[-1]
    finally:
        world.stop_all()
    assert done["status"] == "failed"
    assert done["failure_reason"].startswith("Processing was interrupted once (the worker stopped before it finished")
    assert (done["attempts"], done["interruptions"], done["pages"]) == (1, 1, 0)


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the worker's children")
