"""Search engines come from one registry (settings.SEARCH_BACKENDS, one package per engine); QUIVER_SEARCH_BACKEND
picks one and an unknown name stops the process at start, listing the choices."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from quiver.search import engine
from quiver.search.backends import backend_class
from quiver.search.backends.postgres import PostgresBackend
from quiver.search.backends.tantivy import TantivyBackend

SRC = Path(__file__).resolve().parents[2] / "src"


def test_every_registered_engine_is_a_package_with_its_name():
    assert set(django_settings.SEARCH_BACKENDS) == {"tantivy", "postgres"}
    for name in django_settings.SEARCH_BACKENDS:
        cls = backend_class(name)
        assert issubclass(cls, engine.SearchBackend) and cls.name == name
        assert cls.__module__ == f"quiver.search.backends.{name}.backend"
    assert backend_class("tantivy") is TantivyBackend and backend_class("postgres") is PostgresBackend


def test_get_backend_builds_the_configured_engine_from_settings(settings, tmp_path):
    settings.QUIVER_SEARCH_DIR = tmp_path / "index"
    engine._instances.pop("tantivy", None)
    try:
        backend = engine.get_backend("tantivy")
        assert isinstance(backend, TantivyBackend) and backend.path.parent == tmp_path / "index"
    finally:
        engine._instances.pop("tantivy", None)


def test_an_unknown_name_is_refused_with_the_choices(settings):
    with pytest.raises(ImproperlyConfigured, match=r"'elastic'.*choose one of postgres, tantivy"):
        engine.get_backend("elastic")
    settings.QUIVER_SEARCH_BACKEND = "elastic"
    errors = [e for e in run_checks(tags=["quiver"]) if e.id.startswith("quiver.search")]
    assert [e.id for e in errors] == ["quiver.search.E001"]
    assert "postgres, tantivy" in errors[0].msg and "elastic" in errors[0].msg
    settings.QUIVER_SEARCH_BACKEND = "tantivy"
    assert not [e for e in run_checks(tags=["quiver"]) if e.id.startswith("quiver.search")]


def test_a_registered_engine_that_cannot_be_imported_fails_the_check(settings):
    settings.SEARCH_BACKENDS = {**settings.SEARCH_BACKENDS, "ghost": "quiver.search.backends.ghost.GhostBackend"}
    settings.QUIVER_SEARCH_BACKEND = "ghost"
    errors = [e for e in run_checks(tags=["quiver"]) if e.id.startswith("quiver.search")]
    assert len(errors) == 1 and "cannot be imported" in errors[0].msg


def test_postgres_search_on_another_database_fails_the_check(settings):
    settings.QUIVER_SEARCH_BACKEND = "postgres"
    errors = [e.id for e in run_checks(tags=["quiver"]) if e.id.startswith("quiver.search")]
    assert errors == ([] if connection.vendor == "postgresql" else ["quiver.search.E002"])


def test_the_process_does_not_start_with_an_unknown_engine(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "quiver.settings",
        "QUIVER_DATA_DIR": str(tmp_path),
        "QUIVER_SEARCH_BACKEND": "elastic",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "QUIVER_SEARCH_BACKEND must be one of postgres, tantivy, got 'elastic'" in done.stderr
