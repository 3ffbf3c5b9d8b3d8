"""Fingerprinting a version and flagging the assets it duplicates.

- Exact copies: same SHA-256 of the original as any version of another asset (known from upload, so this runs
  as soon as a version is created, before parsing).
- Near-duplicates: once the version is ready, a MinHash of its text; candidates come from the LSH band index
  (one indexed query), and a pair is flagged when the estimated Jaccard similarity reaches
  QUIVER_NEAR_DUPLICATE_THRESHOLD.

A flag points from the newer asset to the older one (the one already in the library). Re-fingerprinting an
asset drops its open flags that no longer hold; a dismissed or merged flag is a decision and is kept."""

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from quiver.library.models import Asset, AssetPage, AssetVersion, ProcessingStatus

from .. import minhash
from ..models import (
    DuplicateFlag,
    DuplicateKind,
    Fingerprint,
    FingerprintBand,
    FlagStatus,
)


def threshold() -> float:
    return settings.QUIVER_NEAR_DUPLICATE_THRESHOLD


def _live(qs, prefix: str = ""):
    """Assets that still count: not in the trash and not merged into another."""
    return qs.filter(**{f"{prefix}deleted_at__isnull": True, f"{prefix}merged_into__isnull": True})


def _newer_first(a: Asset, b: Asset) -> tuple[Asset, Asset]:
    return (a, b) if (a.created_at, a.pk) >= (b.created_at, b.pk) else (b, a)


def _flag(asset: Asset, other: Asset, version, other_version, kind: str, score: float) -> DuplicateFlag:
    newer, older = _newer_first(asset, other)
    new_v, old_v = (version, other_version) if newer.pk == asset.pk else (other_version, version)
    existing = DuplicateFlag.objects.filter(Q(asset=asset, twin=other) | Q(asset=other, twin=asset)).first()
    if existing is None:
        return DuplicateFlag.objects.create(
            asset=newer, twin=older, version=new_v, twin_version=old_v, kind=kind, score=round(score, 4)
        )
    if existing.status == FlagStatus.OPEN and (existing.kind, existing.score) != (kind, round(score, 4)):
        existing.kind, existing.score = kind, round(score, 4)
        existing.version, existing.twin_version = new_v, old_v
        existing.save(update_fields=["kind", "score", "version", "twin_version"])
    return existing


def flag_exact(version: AssetVersion) -> list[DuplicateFlag]:
    """Flags for every other (live) asset holding a version with the same original bytes."""
    asset = version.asset
    if asset.deleted_at or asset.merged_into_id or not version.sha256:
        return []
    twins = {}
    for other in (
        _live(AssetVersion.objects.filter(sha256=version.sha256).exclude(asset_id=asset.pk), "asset__")
        .select_related("asset")
        .order_by("asset_id", "-number")
    ):
        twins.setdefault(other.asset_id, other)  # the twin's newest version with these bytes
    return [_flag(asset, other.asset, version, other, DuplicateKind.EXACT, 1.0) for other in twins.values()]


def _text(version: AssetVersion) -> str:
    return "\n".join(AssetPage.objects.filter(version=version).order_by("number").values_list("text", flat=True))


def store_fingerprint(version: AssetVersion, text: str | None = None) -> Fingerprint:
    sig, count = minhash.signature(_text(version) if text is None else text)
    fingerprint, _ = Fingerprint.objects.update_or_create(
        version=version, defaults={"num_perm": minhash.NUM_PERM, "signature": sig, "shingles": count}
    )
    FingerprintBand.objects.filter(fingerprint=fingerprint).delete()
    if count >= minhash.MIN_SHINGLES:
        FingerprintBand.objects.bulk_create(
            [FingerprintBand(fingerprint=fingerprint, key=key) for key in set(minhash.band_keys(sig))]
        )
    return fingerprint


def near_twins(fingerprint: Fingerprint, limit: int = 20) -> list[tuple[Fingerprint, float]]:
    """Current versions of other live assets sharing an LSH band, with their estimated Jaccard >= threshold."""
    if fingerprint.shingles < minhash.MIN_SHINGLES:
        return []
    keys = minhash.band_keys(bytes(fingerprint.signature))
    asset_id = fingerprint.version.asset_id
    ids = (
        FingerprintBand.objects.filter(key__in=keys)
        .exclude(fingerprint__version__asset_id=asset_id)
        .values_list("fingerprint_id", flat=True)
        .distinct()
    )
    ids = list(ids)  # materialised: as a subquery SQLite scanned the fingerprints (2.6x slower at 5,000)
    current = Fingerprint.objects.filter(pk__in=ids, version_id=F("version__asset__current_version_id"))
    candidates = _live(current, "version__asset__").select_related("version__asset")
    sig, bar = bytes(fingerprint.signature), threshold()
    scored = [(c, minhash.jaccard(sig, bytes(c.signature))) for c in candidates]
    return sorted([(c, s) for c, s in scored if s >= bar], key=lambda cs: -cs[1])[:limit]


def fingerprint_version(version: AssetVersion) -> list[DuplicateFlag]:
    """Exact and near-duplicate flags of a version that became ready (no-op unless it is its asset's current
    version). Open flags of the asset that no longer hold are dropped."""
    version = AssetVersion.objects.select_related("asset").get(pk=version.pk)
    asset = version.asset
    if asset.current_version_id != version.pk or asset.deleted_at or asset.merged_into_id:
        return []
    with transaction.atomic():
        flags = {f.pk: f for f in flag_exact(version)}
        exact_twins = {f.twin_id if f.asset_id == asset.pk else f.asset_id for f in flags.values()}
        if version.status == ProcessingStatus.READY:
            fingerprint = store_fingerprint(version)
            for other, score in near_twins(fingerprint):
                if other.version.asset_id not in exact_twins:
                    flag = _flag(asset, other.version.asset, version, other.version, DuplicateKind.NEAR, score)
                    flags[flag.pk] = flag
        (
            DuplicateFlag.objects.filter(Q(asset=asset) | Q(twin=asset), status=FlagStatus.OPEN)
            .exclude(pk__in=list(flags))
            .delete()
        )
    return list(flags.values())
