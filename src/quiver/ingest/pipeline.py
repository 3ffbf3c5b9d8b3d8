"""Ingest steps for one stored version: sniff, parse in the sandbox, previews, save pages. (Placeholder.)"""

from quiver.library.models import AssetVersion, ProcessingStatus


def process_version(version_id: int) -> str:
    version = AssetVersion.objects.get(pk=version_id)
    version.status = ProcessingStatus.READY
    version.save(update_fields=["status"])
    return version.status
