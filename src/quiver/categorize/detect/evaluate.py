"""Accuracy of the type detector on the demo library (`quiver.demo`): every generated file is parsed by the
product's own parsers (in-process: the files are ours) and typed twice, with and without its title and file
name, against the type the generator wrote it as.

    .venv/bin/python -m quiver.categorize.detect.evaluate
"""

import tempfile
import time
from collections import Counter
from types import SimpleNamespace

from .analyse import asset_type


def parse_demo_file(data: bytes, filename: str) -> dict:
    from quiver.ingest.analyse import analyse

    with tempfile.NamedTemporaryFile(suffix="-" + filename) as tmp:
        tmp.write(data)
        tmp.flush()
        return analyse(tmp.name, filename)


def evaluate(seed: int = 2026) -> dict:
    from quiver.demo.catalog import build_catalog

    rows = []
    for item in build_catalog(seed):
        asset = SimpleNamespace(title=item.title, link_url=item.link_url)
        if item.data is None:
            version, pages = None, []
        else:
            parsed = parse_demo_file(item.data, item.filename)
            version = SimpleNamespace(
                metadata={"kind": parsed.get("kind", "")},
                original_filename=item.filename,
                page_count=parsed.get("page_count"),
            )
            pages = list(enumerate(parsed.get("pages") or [], start=1))
        started = time.perf_counter()
        named = asset_type(asset, version, pages, use_names=True)
        blind = asset_type(asset, version, pages, use_names=False)
        rows.append(
            {
                "expected": item.asset_type,
                "named": named[0][0] if named else "",
                "blind": blind[0][0] if blind else "",
                "seconds": time.perf_counter() - started,
                "title": item.title,
            }
        )
    return summarise(rows)


def summarise(rows: list[dict]) -> dict:
    total = len(rows)
    out = {"assets": total, "seconds_per_asset": sum(r["seconds"] for r in rows) / max(total, 1) / 2}
    for mode in ("named", "blind"):
        right = sum(r[mode] == r["expected"] for r in rows)
        out[f"accuracy_{mode}"] = right / max(total, 1)
        per_type = Counter(r["expected"] for r in rows)
        hits = Counter(r["expected"] for r in rows if r[mode] == r["expected"])
        out[f"per_type_{mode}"] = {t: f"{hits[t]}/{n}" for t, n in sorted(per_type.items())}
        out[f"confusions_{mode}"] = Counter(
            f"{r['expected']}->{r[mode]}" for r in rows if r[mode] != r["expected"]
        ).most_common(10)
    out["misses_blind"] = [(r["title"], r["expected"], r["blind"]) for r in rows if r["blind"] != r["expected"]][:15]
    return out


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quiver.settings")
    django.setup()
    for key, value in evaluate().items():
        print(f"{key}: {value}")
