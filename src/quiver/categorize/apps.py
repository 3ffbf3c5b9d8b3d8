from django.apps import AppConfig


class CategorizeConfig(AppConfig):
    name = "quiver.categorize"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from quiver.core.periodic import register

        from . import (
            panels,  # the asset page panel (categorize-ui)
            recovery,  # resuming bulk runs whose worker stopped (periodic job)
        )
        from .learning.dirty import RETRAIN_EVERY
        from .learning.tasks import retrain_if_due_task

        panels.register_panels()
        recovery.register_periodic()
        register("categorize.retrain", retrain_if_due_task, every=RETRAIN_EVERY)  # debounced retraining
