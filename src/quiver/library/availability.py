"""Whether an asset may still be used: expired, trashed, restricted to reading. Pure (no queries), read from the
asset's own lifecycle fields; used by the policy, the library's pages and API, and the lifecycle services alike."""

from django.utils import timezone


def is_expired(asset, now=None) -> bool:
    """Expired from the very instant of `expires_at` on."""
    return asset.expires_at is not None and asset.expires_at <= (now or timezone.now())


def is_trashed(asset) -> bool:
    return asset.deleted_at is not None


def restricts_download(asset, now=None) -> bool:
    """Readers who may not edit the asset may not download (or share) it."""
    return asset.internal_only or is_expired(asset, now)


def download_refusal(asset, now=None, replacement=None) -> str:
    """Why a reader may not download it, and what replaces it (`replacement`: the replacing asset when the
    reader may see it; never named otherwise)."""
    if is_expired(asset, now):
        when = timezone.localtime(asset.expires_at)
        reason = f"“{asset.title}” expired on {when:%b} {when.day}, {when.year}."
        if replacement is not None:
            reason += f" It is replaced by “{replacement.title}” (asset {replacement.pk})."
        return reason
    if asset.internal_only:
        return f"“{asset.title}” is for internal use only: it may be read here but not downloaded or shared."
    return ""
