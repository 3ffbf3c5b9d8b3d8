"""The WHOLE shared corpus through the real pipeline (sandbox pool, database, storage): every file ends ready or
failed with a reason, none hangs. Batched so `pytest -n 2 -m corpus` spreads it over both cores."""

import json
import os
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import require

from .conftest import CORPUS

BATCHES = 8


def corpus_paths() -> list[str]:
    paths = []
    for folder, _, names in os.walk(CORPUS):
        paths += [os.path.join(folder, name) for name in names]
    return sorted(paths)


def pdf_truth() -> dict:
    base = os.path.join(CORPUS, "pypdf-sample-files")
    try:
        with open(os.path.join(base, "files.json")) as fh:
            return {os.path.join(base, row["path"]): row for row in json.load(fh)["data"]}
    except OSError:
        return {}


@pytest.mark.corpus
@pytest.mark.django_db
@pytest.mark.parametrize("batch", range(BATCHES))
def test_corpus_batch(ingest, settings, batch):
    settings.QUIVER_PREVIEWS = True  # PDF and image previews rendered; office previews are covered elsewhere
    settings.QUIVER_PREVIEW_PAGES = 2
    settings.QUIVER_LIBREOFFICE = "/nonexistent/soffice"
    settings.QUIVER_PARSE_TIMEOUT_SECONDS = 60
    paths = corpus_paths()[batch::BATCHES]
    require(bool(paths), f"the shared corpus is missing: {CORPUS} (set QUIVER_SHARED_DIR)")
    truth = pdf_truth()
    outcomes, unreadable = {}, []
    for path in paths:
        try:
            version = ingest(path=path)
        except ValidationError as exc:  # refused at upload (empty file): nothing stored, a clear message
            outcomes[path] = ("refused", " ".join(exc.messages))
            continue
        version.refresh_from_db()
        outcomes[path] = (version.status, version.failure_reason)
        assert version.status in ("ready", "failed"), path
        assert version.status == "ready" or version.failure_reason.strip(), path
        assert not version.failure_reason.startswith(("internal error", "unsupported type: data")), path
        assert "object at 0x" not in version.failure_reason, (path, version.failure_reason)
        expected = truth.get(path)
        if expected and version.status == "ready" and expected.get("pages"):
            assert version.page_count == expected["pages"], path
        if expected and not expected.get("encrypted") and expected.get("pages") and version.status != "ready":
            unreadable.append(path)  # pypdf reads it; PDFium may refuse one that is deliberately malformed
            assert version.failure_reason.startswith("corrupt PDF"), (path, version.failure_reason)
    assert len(unreadable) <= 1, unreadable
    print(
        f"\ncorpus batch {batch}:",
        dict(Counter(status for status, _ in outcomes.values())),
        {os.path.relpath(p, CORPUS): reason for p, (status, reason) in outcomes.items() if status != "ready"},
    )
    ready = sum(1 for status, _ in outcomes.values() if status == "ready")
    assert ready >= 0.9 * len(outcomes), {p: o for p, o in outcomes.items() if o[0] != "ready"}
