"""System checks of the search configuration (run by `manage.py check`, `migrate` and the test suite): the engine
QUIVER_SEARCH_BACKEND names is registered, importable and runnable with these settings."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def search_backend(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from .backends import backend_class, choices
    from .engine import SearchBackend

    name = settings.QUIVER_SEARCH_BACKEND
    try:
        cls = backend_class(name)
    except ImproperlyConfigured as error:
        return [
            checks.Error(
                str(error), hint=f"Set QUIVER_SEARCH_BACKEND to one of {', '.join(choices())}.", id="quiver.search.E001"
            )
        ]
    except ImportError as error:
        return [
            checks.Error(
                f"Search backend {name!r} ({settings.SEARCH_BACKENDS[name]}) cannot be imported: {error}",
                id="quiver.search.E001",
            )
        ]
    if not (isinstance(cls, type) and issubclass(cls, SearchBackend)):
        return [checks.Error(f"Search backend {name!r} is not a SearchBackend.", id="quiver.search.E001")]
    return [checks.Error(problem, id="quiver.search.E002") for problem in cls.configuration_problems(settings)]


def register() -> None:
    checks.register(search_backend, "quiver")
