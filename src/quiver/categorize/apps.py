from django.apps import AppConfig


class CategorizeConfig(AppConfig):
    name = "quiver.categorize"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import hooks

        hooks.connect()
        from .learning import hooks as learning_hooks  # retraining triggers, periodic job (categorize-learning)

        learning_hooks.connect()
        from . import panels  # the asset page panel (categorize-ui)

        panels.register_panels()
        from . import recovery  # resuming bulk runs whose worker stopped (periodic job)

        recovery.register_periodic()
