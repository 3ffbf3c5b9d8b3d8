"""Library web UI views, one module per concept."""

from .assets import asset_detail, asset_preview, asset_status, open_link
from .collections import collection_create, collection_detail, collection_list
from .edit import asset_archive, asset_edit, asset_restore, version_retry
from .files import download_current, download_version, page_image, thumbnail
from .grants import grant_detail, grant_overview, grant_remove, grant_set
from .home import home
from .upload import link_create, upload, upload_status, version_create

__all__ = [
    "asset_archive",
    "asset_detail",
    "asset_edit",
    "asset_preview",
    "asset_restore",
    "asset_status",
    "collection_create",
    "collection_detail",
    "collection_list",
    "download_current",
    "download_version",
    "grant_detail",
    "grant_overview",
    "grant_remove",
    "grant_set",
    "home",
    "link_create",
    "open_link",
    "page_image",
    "thumbnail",
    "upload",
    "upload_status",
    "version_create",
    "version_retry",
]
