"""Fingerprinting throughput on the demo library (162 generated assets, real files parsed by the product's own
parsers), through the real backfill (signature + LSH bands + candidate lookup + flags in the database).
Marked corpus: it parses the whole demo library. Prints the figures for the report."""

import time

import pytest
from django.core.files.base import ContentFile

from quiver.categorize.detect.evaluate import parse_demo_file
from quiver.library import services
from quiver.library.models import AssetPage, AssetVersion, ProcessingStatus
from quiver.similarity import minhash
from quiver.similarity.models import DuplicateFlag, Fingerprint
from quiver.similarity.services import backfill


@pytest.mark.corpus
def test_backfill_throughput_on_the_demo_library(editor, root):
    from quiver.demo.catalog import build_catalog

    items = [i for i in build_catalog(2026) if i.data is not None]
    texts = {}
    for item in items:
        parsed = parse_demo_file(item.data, item.filename)
        asset = services.create_asset(
            editor, title=item.title, file=ContentFile(item.data, name=item.filename), collections=[root], enqueue=False
        )
        version = asset.current_version
        AssetPage.objects.bulk_create(
            [AssetPage(version=version, number=n, text=t) for n, t in enumerate(parsed.get("pages") or [], 1)]
        )
        texts[version.pk] = "\n".join(parsed.get("pages") or [])
    AssetVersion.objects.update(status=ProcessingStatus.READY)  # no receivers: the backfill does the work
    started = time.perf_counter()
    for text in texts.values():
        minhash.signature(text)
    signature_rate = len(texts) / (time.perf_counter() - started)
    result = backfill()
    flags = list(DuplicateFlag.objects.select_related("asset", "twin"))
    print(f"\nsignatures alone: {signature_rate:.0f} versions/s; backfill: {result}")
    for flag in flags[:10]:
        print(f"  {flag.kind} {flag.score:.2f}: {flag.asset.title!r} ~ {flag.twin.title!r}")
    assert result["versions"] == len(items) == Fingerprint.objects.count()
    assert result["per_second"] > 2  # a sanity floor: the figure itself depends on the machine (printed)
    assert all(f.kind == "near" for f in flags)  # every demo file is distinct; only look-alikes are flagged
