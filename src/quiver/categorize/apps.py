from django.apps import AppConfig


class CategorizeConfig(AppConfig):
    name = "quiver.categorize"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import hooks

        hooks.connect()
