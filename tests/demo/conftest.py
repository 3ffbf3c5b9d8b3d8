import time
from datetime import UTC, datetime

import pytest

from quiver.demo.catalog import build_catalog

NOW = datetime.now(UTC)


@pytest.fixture(scope="session")
def built_catalog():
    """The full demo catalog, built once per test session (generation takes seconds): (assets, seconds)."""
    started = time.monotonic()
    assets = build_catalog(now=NOW)
    return assets, time.monotonic() - started
