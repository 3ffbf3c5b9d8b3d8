"""The suite runs on SQLite and on PostgreSQL; these make sure each run really uses the engine it claims."""

import os

import pytest
from django.db import connection

from tests.conftest import require


@pytest.mark.django_db
def test_engine_matches_configured_url():
    url = os.environ.get("QUIVER_DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_postgresql_is_reachable_for_the_postgres_run():
    url = os.environ.get("QUIVER_TEST_POSTGRES_URL", "")
    require(bool(url), "QUIVER_TEST_POSTGRES_URL is not set: no PostgreSQL server for the PostgreSQL run")
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as conn:
        version = conn.execute("show server_version").fetchone()[0]
    assert int(version.split(".")[0]) >= 13


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_outside_tests():
    from django.conf import settings

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
