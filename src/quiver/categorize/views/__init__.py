from .bulk import bulk, bulk_fields
from .queue import queue, queue_decide
from .rules import policies, rule_list, rule_tag, rule_test, rule_value
from .runs import run_detail, run_start
from .suggestions import accept, panel, reject, revert

__all__ = [
    "accept",
    "bulk",
    "bulk_fields",
    "panel",
    "policies",
    "queue",
    "queue_decide",
    "reject",
    "revert",
    "rule_list",
    "rule_tag",
    "rule_test",
    "rule_value",
    "run_detail",
    "run_start",
]
