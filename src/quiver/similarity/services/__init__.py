"""State changes of quiver.similarity: fingerprints and flags (fingerprint.py), what people decide about a flag
(decisions.py), and the backfill of an existing library (backfill.py)."""

from .backfill import backfill
from .decisions import add_as_new_version, dismiss, mark_merged
from .fingerprint import fingerprint_version, flag_exact

__all__ = ["add_as_new_version", "backfill", "dismiss", "fingerprint_version", "flag_exact", "mark_merged"]
