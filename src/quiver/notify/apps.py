from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "quiver.notify"
    default_auto_field = "django.db.models.BigAutoField"
