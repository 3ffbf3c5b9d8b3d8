from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "quiver.ingest"
    label = "ingest"
