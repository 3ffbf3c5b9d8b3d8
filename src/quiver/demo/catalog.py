"""The demo catalog: every asset of the demo library, generated in memory from one seed.

`build_catalog()` makes the files (real PPTX, PDF, DOCX, XLSX, TXT) and decides owners, dates over the last three
years, drafts and archived assets. It touches no database, so it can be tested and timed on its own."""

from collections import Counter
from datetime import UTC, datetime, timedelta

from .content import battlecards, decks, emails, product_docs, stories, whitepapers
from .people import TEAM_OWNERS
from .phrases import Writer
from .spec import DemoAsset

DEFAULT_SEED = 2026
SPAN_DAYS = 3 * 365


def build_catalog(seed: int = DEFAULT_SEED, now: datetime | None = None) -> list[DemoAsset]:
    now = now or datetime.now(UTC)
    assets: list[DemoAsset] = []
    assets += decks.build(Writer(f"{seed}-decks"))
    assets += stories.build(Writer(f"{seed}-stories"))
    assets += battlecards.build(Writer(f"{seed}-battlecards"))
    assets += product_docs.build(Writer(f"{seed}-product-docs"), now.year)
    assets += whitepapers.build(Writer(f"{seed}-whitepapers"))
    assets += emails.build(Writer(f"{seed}-emails"))
    _check_unique(assets)
    _assign(Writer(f"{seed}-catalog"), assets, now)
    return assets


def _check_unique(assets: list[DemoAsset]) -> None:
    for what, values in (("key", [a.key for a in assets]), ("title", [a.title for a in assets])):
        dupes = [v for v, n in Counter(values).items() if n > 1]
        if dupes:
            raise ValueError(f"demo catalog has duplicate {what}s: {dupes[:5]}")


def _assign(w: Writer, assets: list[DemoAsset], now: datetime) -> None:
    """Owners by team, creation dates spread over three years, a few drafts (recent) and archived (old)."""
    shuffled = w.sample(assets, len(assets))
    step = (SPAN_DAYS - 4) / len(assets)
    for i, asset in enumerate(shuffled):  # evenly spread from 3 days to 3 years ago, in random order
        asset.owner = w.pick(TEAM_OWNERS.get(asset.team) or TEAM_OWNERS["product"])
        asset.created_at = now - timedelta(days=3 + i * step + w.rng.uniform(0, step))
    files = [a for a in assets if a.data is not None and a.revision is None]
    by_date = sorted(files, key=lambda a: a.created_at)
    for asset in w.sample(by_date[-len(by_date) // 4 :], 12):  # recent work in progress
        asset.status = "draft"
    for asset in w.sample(by_date[: len(by_date) // 3], 10):  # retired material
        asset.status = "archived"
        asset.tags = (*asset.tags, "Retired")
    for asset in assets:
        if asset.revision is not None:
            asset.extra["revised_at"] = min(now - timedelta(days=1), asset.created_at + timedelta(days=w.num(20, 300)))


def summary(assets: list[DemoAsset]) -> dict[str, int]:
    return dict(Counter(a.asset_type for a in assets))
