from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "quiver.insights"
    label = "insights"

    def ready(self):
        from quiver.library import providers

        from .services import record_usage

        providers.record_usage.provide(record_usage)
