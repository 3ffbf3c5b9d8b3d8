from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "quiver.insights"
    label = "insights"
