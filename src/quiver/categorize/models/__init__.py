"""Models of automatic categorization (issue 4).

rules.py, policy.py, suggestion.py and bulk.py belong to categorize-core; training.py (TrainingRun) to
categorize-learning; detections.py (AssetSignals: what the detectors found) to the detectors engineer. Every model class defined in those two
modules is registered and re-exported here as soon as it exists (no edit of this file needed)."""

from django.db.models import Model

from . import detections as _detections
from . import training as _training
from .bulk import BulkRun, BulkRunKind, BulkRunStatus
from .policy import FieldPolicy
from .rules import MatchingAlgorithm, MatchingRule
from .suggestion import Suggestion, SuggestionSource, SuggestionStatus

__all__ = ["BulkRun", "BulkRunKind", "BulkRunStatus", "FieldPolicy", "MatchingAlgorithm", "MatchingRule",
           "Suggestion", "SuggestionSource", "SuggestionStatus"]

for _module in (_detections, _training):  # AssetSignals, TrainingRun (owned by others)
    for _name, _obj in vars(_module).items():
        if isinstance(_obj, type) and issubclass(_obj, Model) and _obj.__module__ == _module.__name__:
            globals()[_name] = _obj
            __all__.append(_name)
