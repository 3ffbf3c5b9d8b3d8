"""Lifecycle state changes. Services take plain arguments, check permissions through library.policy, write audit
entries, fire `lifecycle_event`, and leave the transaction to their caller."""

from quiver.library.availability import is_expired

from ..selectors import cadence_days
from .approval import approve, comment, publish_due, reject, schedule_publish, submit_for_review, withdraw_pending
from .archive import archive, unarchive
from .care import set_expiry, set_internal_only, set_stewards, verify
from .governance import delete_approval_policy, delete_cadence, set_approval_policy, set_cadence
from .merge import merge
from .sweep import sweep
from .trash import purge_trash, restore_from_trash, trash

__all__ = [
    "approve",
    "archive",
    "cadence_days",
    "comment",
    "delete_approval_policy",
    "delete_cadence",
    "is_expired",
    "merge",
    "publish_due",
    "purge_trash",
    "reject",
    "restore_from_trash",
    "schedule_publish",
    "set_approval_policy",
    "set_cadence",
    "set_expiry",
    "set_internal_only",
    "set_stewards",
    "submit_for_review",
    "sweep",
    "trash",
    "unarchive",
    "verify",
    "withdraw_pending",
]
