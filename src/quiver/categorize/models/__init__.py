"""Models of automatic categorization (issue 4).

rules.py, field_policy.py, suggestion.py and bulk.py belong to categorize-core; training.py (TrainingRun) to
categorize-learning; signals.py (AssetSignals) to the signals engineer. Every model class defined in those two
modules is registered and re-exported here as soon as it exists (no edit of this file needed)."""

from django.db.models import Model

from . import signals as _signals
from . import training as _training
from .bulk import BulkRun, BulkRunKind, BulkRunStatus
from .field_policy import FieldPolicy
from .rules import MatchingAlgorithm, MatchingRule
from .suggestion import Suggestion, SuggestionSource, SuggestionStatus

__all__ = ["BulkRun", "BulkRunKind", "BulkRunStatus", "FieldPolicy", "MatchingAlgorithm", "MatchingRule",
           "Suggestion", "SuggestionSource", "SuggestionStatus"]

for _module in (_signals, _training):  # AssetSignals, TrainingRun (owned by others)
    for _name, _obj in vars(_module).items():
        if isinstance(_obj, type) and issubclass(_obj, Model) and _obj.__module__ == _module.__name__:
            globals()[_name] = _obj
            __all__.append(_name)
