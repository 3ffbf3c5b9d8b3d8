from .approval import ApprovalEvent, ApprovalPolicy, ApprovalRequest, EventKind, RequestStatus
from .cadence import ReviewCadence
from .notice import LifecycleNotice

__all__ = [
    "ApprovalEvent",
    "ApprovalPolicy",
    "ApprovalRequest",
    "EventKind",
    "LifecycleNotice",
    "RequestStatus",
    "ReviewCadence",
]
