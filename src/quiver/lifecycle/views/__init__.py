from .governance import cadence_delete, policy_delete, rules
from .review import decide, inbox, lifecycle_settings, submit, verify
from .trash import trash_asset, trash_list, trash_restore

__all__ = [
    "cadence_delete",
    "decide",
    "inbox",
    "lifecycle_settings",
    "policy_delete",
    "rules",
    "submit",
    "trash_asset",
    "trash_list",
    "trash_restore",
    "verify",
]
