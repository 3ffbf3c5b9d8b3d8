from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "quiver.ingest"
    label = "ingest"

    def ready(self):
        from quiver.library import providers

        from .tasks import process_version

        providers.process_version.provide(process_version.enqueue)
