"""Models of automatic categorization: matching rules, field policies, suggestions and bulk runs; the classifier's
training runs (training.py); what the detectors found per asset (detections.py, AssetSignals)."""

from .bulk import BulkRun, BulkRunKind, BulkRunStatus
from .detections import AssetSignals
from .field_policy import FieldPolicy
from .rules import MatchingAlgorithm, MatchingRule
from .suggestion import Suggestion, SuggestionSource, SuggestionStatus
from .training import TrainingRun, TrainingState, TrainingStatus

__all__ = [
    "AssetSignals",
    "BulkRun",
    "BulkRunKind",
    "BulkRunStatus",
    "FieldPolicy",
    "MatchingAlgorithm",
    "MatchingRule",
    "Suggestion",
    "SuggestionSource",
    "SuggestionStatus",
    "TrainingRun",
    "TrainingState",
    "TrainingStatus",
]
