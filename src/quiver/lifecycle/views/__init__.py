from .review import decide, inbox, lifecycle_settings, submit, verify
from .trash import trash_asset, trash_list, trash_restore

__all__ = ["decide", "inbox", "lifecycle_settings", "submit", "verify", "trash_asset", "trash_list",
           "trash_restore"]
