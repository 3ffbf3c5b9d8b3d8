from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "quiver.ingest"
    label = "ingest"

    def ready(self):
        from quiver.library import providers

        from . import leases
        from .tasks import process_version

        providers.process_version.provide(process_version.enqueue)
        leases.register_periodic()  # re-queuing versions whose worker stopped mid-work
