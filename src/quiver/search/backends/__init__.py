"""The search engines, one package each (tantivy/, postgres/). settings.SEARCH_BACKENDS is the registry (name ->
class path) and QUIVER_SEARCH_BACKEND picks one: an engine is added by a package and a line there, never an elif."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


def choices() -> list[str]:
    return sorted(settings.SEARCH_BACKENDS)


def unknown_message(name: str) -> str:
    return f"Unknown search backend {name!r} (QUIVER_SEARCH_BACKEND): choose one of {', '.join(choices())}."


def backend_class(name: str):
    """The engine class registered as `name`; ImproperlyConfigured, listing the choices, for an unknown name."""
    if name not in settings.SEARCH_BACKENDS:
        raise ImproperlyConfigured(unknown_message(name))
    return import_string(settings.SEARCH_BACKENDS[name])
