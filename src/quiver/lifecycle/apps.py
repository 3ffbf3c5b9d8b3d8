from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    name = "quiver.lifecycle"
    default_auto_field = "django.db.models.BigAutoField"
