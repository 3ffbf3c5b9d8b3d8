"""The embedded engine: a Tantivy index in the data directory (backend.py), its schema and analyzers (schema.py),
query building (query.py) and pseudo-relevance feedback for long questions (feedback.py)."""

from .backend import TantivyBackend

__all__ = ["TantivyBackend"]
