"""Placeholder: filled in by its owner (see models/__init__.py). List your models in __all__."""

__all__: list[str] = []
