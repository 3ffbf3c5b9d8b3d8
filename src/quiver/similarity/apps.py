from datetime import timedelta

from django.apps import AppConfig


class SimilarityConfig(AppConfig):
    name = "quiver.similarity"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from quiver.core.periodic import register
        from quiver.library import providers

        from .panels import register_panels
        from .selectors import upload_hints
        from .tasks import backfill_task

        register_panels()
        register("similarity.backfill", backfill_task, every=timedelta(hours=1))
        providers.upload_hints.provide(upload_hints)
