from .dashboard import dashboard
from .sessions import (
    session_detail,
    session_finish,
    session_list,
    session_pause,
    session_resume,
)
from .walk import item_action, session_walk

__all__ = [
    "dashboard",
    "item_action",
    "session_detail",
    "session_finish",
    "session_list",
    "session_pause",
    "session_resume",
    "session_walk",
]
