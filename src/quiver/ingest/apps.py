from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "quiver.ingest"
    label = "ingest"

    def ready(self):
        from . import leases  # re-queuing versions whose worker stopped mid-work (periodic job)

        leases.register_periodic()
