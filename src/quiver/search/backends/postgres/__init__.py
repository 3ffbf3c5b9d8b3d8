"""The scaled-out engine: PostgreSQL full-text search in the database itself (backend.py: writing, ranking,
snippets; sql.py: the statements and the query-to-tsquery translation)."""

from .backend import PostgresBackend

__all__ = ["PostgresBackend"]
