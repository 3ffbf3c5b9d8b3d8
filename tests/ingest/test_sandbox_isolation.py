"""A sandbox child sees the one file it is given and nothing of the worker: not the data directory (database,
secret key), not the worker's environment or temp files, not the network."""

import os

import pytest

from quiver.ingest.sandbox import Pool
from tests.ingest.jobs import TEST_JOBS

LIMITS = {"timeout": 30, "cpu": 10, "memory_mb": 512}


@pytest.fixture(scope="module")
def snooped(tmp_path_factory):
    """What a hostile parser reaches, from a fresh pool started with secrets in the worker's environment and a
    SQLite database file in the data directory."""
    from django.conf import settings

    tmp_path = tmp_path_factory.mktemp("snoop")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("QUIVER_SECRET_KEY", "do-not-leak")
    monkeypatch.setenv("QUIVER_DATABASE_URL", "postgres://quiver:secret@127.0.0.1:54329/quiver")
    database = settings.DATA_DIR / "quiver.sqlite3"
    database.write_bytes(b"SQLite format 3\x00 private rows")
    database.chmod(0o644)  # even world-readable
    secret = settings.DATA_DIR / "secret_key"
    if not secret.exists():
        secret.write_text("generated-secret")
    other_upload = tmp_path / "someone-elses-upload.bin"  # the worker's copy of another file being parsed
    other_upload.write_bytes(b"confidential")
    given = tmp_path / "given.bin"
    given.write_bytes(b"the input")
    given.chmod(0o600)
    pool = Pool(1, jobs=TEST_JOBS)
    try:
        seen = pool.run(
            "tests.ingest.jobs:snoop",
            str(given),
            [str(database), str(secret), str(other_upload), f"/proc/{os.getpid()}/environ"],
            **LIMITS,
        )
    finally:
        pool.close()
        monkeypatch.undo()
    return seen, pool.isolation, {"database": str(database), "secret": str(secret), "upload": str(other_upload)}


def test_child_reads_its_input_by_descriptor_only(snooped):
    seen, _isolation, _paths = snooped
    assert seen["input"] == b"the input"
    assert seen["cwd_entries"] == []  # a private, empty working directory


def test_child_cannot_read_the_data_directory(snooped):
    seen, isolation, paths = snooped
    for name in ("database", "secret"):
        assert seen[paths[name]] in ("FileNotFoundError", "PermissionError"), (name, seen[paths[name]], isolation)


def test_child_gets_no_secrets_from_the_environment(snooped):
    seen, _isolation, _paths = snooped
    assert not [name for name in seen["env"] if name.startswith("QUIVER_") or "DATABASE" in name]
    assert seen[f"/proc/{os.getpid()}/environ"] in ("FileNotFoundError", "PermissionError")


@pytest.mark.skipif(os.geteuid() != 0, reason="namespaces and the uid drop need root here")
def test_as_root_the_child_is_nobody_without_network_or_worker_temp_files(snooped):
    seen, isolation, paths = snooped
    assert seen["uid"] != 0 and "uid" in isolation
    assert "no network" in isolation and seen["network"] != "connected"
    assert seen[paths["upload"]] in ("FileNotFoundError", "PermissionError")


def test_code_under_the_temp_directory_stays_reachable(monkeypatch):
    """A checkout or virtualenv under the temp directory (CI clones into /tmp): the fresh tmpfs the child mounts
    over the temp directory must not hide the interpreter's code. Here the temp directory is made the parent of
    the checkout itself, so the child's private tmpfs covers the code it runs from."""
    import tempfile
    from pathlib import Path

    import quiver

    checkout = Path(quiver.__file__).resolve().parents[2]
    monkeypatch.setattr(tempfile, "tempdir", str(checkout.parent))
    pool = Pool(1, jobs=TEST_JOBS)
    try:
        assert pool.run("tests.ingest.jobs:echo", "still here", **LIMITS) == "still here"
    finally:
        pool.close()
