from django.apps import AppConfig


class SimilarityConfig(AppConfig):
    name = "quiver.similarity"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .panels import register_panels

        register_panels()
        from datetime import timedelta

        from quiver.core.periodic import register

        from .tasks import backfill_task

        register("similarity.backfill", backfill_task, every=timedelta(hours=1))
