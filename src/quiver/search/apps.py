from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "quiver.search"
    label = "search"

    def ready(self):
        from . import checks

        checks.register()
