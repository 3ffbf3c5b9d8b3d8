from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quiver.core"
    label = "core"
