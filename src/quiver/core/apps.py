from importlib import import_module

from django.apps import AppConfig

LISTENER_TABLE = "quiver.listeners"  # the one table of domain event -> listeners (core imports no app by name)


class CoreConfig(AppConfig):
    name = "quiver.core"
    label = "core"

    def ready(self):
        import_module(LISTENER_TABLE).install()
