"""`analyse(asset)`: compute and store an asset's signals (language, type, key phrases) from its current
version's page texts. Called by categorize.services.categorize_asset inside its own transaction."""

from django.utils import timezone

from .cues import Doc
from .language import language
from .phrases import key_phrases
from .types import detect

LANGUAGE_CHARS = 20_000


def _doc(asset, version, pages, use_names: bool = True) -> Doc:
    rows = [(p.number, p.text) if hasattr(p, "text") else (p[0], p[1]) for p in pages]
    kind = ""
    if version is not None:
        kind = (version.metadata or {}).get("kind", "") if isinstance(version.metadata, dict) else ""
    return Doc(
        kind=kind,
        filename=version.original_filename if version else "",
        title=asset.title or "",
        page_count=(version.page_count or len(rows)) if version else 0,
        pages=rows,
        is_link=version is None and bool(asset.link_url),
        use_names=use_names,
    )


def asset_type(asset, version, pages, use_names: bool = True) -> list[tuple[str, float, list[dict]]]:
    """[(AssetType value, confidence, evidence)] best first, evidence = [{"text", "page"}]."""
    return detect(_doc(asset, version, pages, use_names))


def text_language(pages) -> tuple[str, float] | None:
    text, size = [], 0
    for page in pages:
        page_text = page.text if hasattr(page, "text") else page[1]
        text.append(page_text)
        size += len(page_text)
        if size > LANGUAGE_CHARS:
            break
    return language("\n".join(text))


def analyse(asset):
    """Compute and save the asset's AssetSignals; returns it. A link (no version) gets its type only."""
    from quiver.categorize.models.detections import AssetSignals
    from quiver.library.models import AssetPage

    version = asset.current_version
    pages = (
        list(AssetPage.objects.filter(version=version).only("number", "text").order_by("number"))
        if version is not None and version.status == "ready"
        else []
    )
    found = text_language(pages) if pages else None
    types = asset_type(asset, version, pages)
    phrases = key_phrases(pages, language=found[0] if found else "en") if pages else []
    best = types[0] if types else None
    signals, _ = AssetSignals.objects.update_or_create(
        asset=asset,
        defaults={
            "version": version,
            "language": found[0] if found else "",
            "language_confidence": found[1] if found else 0,
            "detected_type": best[0] if best else "",
            "type_confidence": best[1] if best else 0,
            "type_evidence": [{"type": t, "confidence": c, "evidence": e} for t, c, e in types[:4]],
            "key_phrases": [{"phrase": p, "score": s, "page": n} for p, s, n in phrases],
            "computed_at": timezone.now(),
        },
    )
    return signals
