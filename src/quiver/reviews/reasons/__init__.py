"""Why an asset needs review (the "review signals" of the dashboard): the registry and the built-in checks (in the
order the dashboard shows them)."""

from .base import Context, Reason, Signal, all_signals, get, register, unregister
from .categorization import PoorlyCategorized
from .duplicates import NearDuplicates
from .lifecycle import Expired, Expiring, VerificationDue, VerificationOverdue
from .usage import Unused

for _signal in (
    Expired(),
    VerificationOverdue(),
    Expiring(),
    VerificationDue(),
    NearDuplicates(),
    PoorlyCategorized(),
    Unused(),
):
    register(_signal)

__all__ = ["Context", "Reason", "Signal", "all_signals", "get", "register", "unregister"]
