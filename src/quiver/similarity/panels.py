"""Asset page panels of quiver.similarity (registered from SimilarityConfig.ready through library.panels):

- banner "This looks like X (exact copy / 92% similar): add it as a new version of X instead?" for whoever may
  edit the asset, naming only twins the reader may see;
- side "Detected": language, asset type (with its cues) and key phrases from categorize.detect."""

from quiver.library import policy
from quiver.library.models import AssetType
from quiver.library.panels import Panel, register

from . import selectors

LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ja": "Japanese",
    "zh": "Chinese",
}


def duplicates_context(request, asset) -> dict | None:
    user = request.user
    flags = list(selectors.duplicates_of(asset, user)[:5])  # first: the usual answer (none) costs one query
    if not flags or not policy.can_edit_asset(user, asset):
        return None
    uploads = [f for f in flags if f.asset_id == asset.pk]
    originals = [f for f in flags if f.asset_id != asset.pk]
    editable = set(
        policy.editable_assets(user).filter(pk__in=[f.twin_id for f in uploads]).values_list("pk", flat=True)
    )
    return {
        "asset": asset,
        "uploads": [{"flag": f, "can_merge": f.twin_id in editable} for f in uploads],
        "originals": originals,
    }


def signals_context(request, asset) -> dict | None:
    from quiver.categorize.models.detections import AssetSignals

    signals = AssetSignals.objects.filter(asset=asset).first()
    if signals is None or not (signals.language or signals.detected_type or signals.key_phrases):
        return None
    evidence = (signals.type_evidence or [{}])[0].get("evidence", []) if signals.type_evidence else []
    return {
        "signals": signals,
        "language_name": LANGUAGE_NAMES.get(signals.language, signals.language),
        "type_label": AssetType(signals.detected_type).label
        if signals.detected_type in AssetType.values
        else signals.detected_type,
        "type_percent": int(round(signals.type_confidence * 100)),
        "language_percent": int(round(signals.language_confidence * 100)),
        "evidence": evidence[:4],
        "phrases": (signals.key_phrases or [])[:10],
    }


def register_panels() -> None:
    register(
        Panel("similarity.duplicates", "similarity/panels/duplicates.html", duplicates_context, slot="banner", order=20)
    )
    register(Panel("detect.signals", "similarity/panels/signals.html", signals_context, slot="side", order=40))
