from django.apps import AppConfig


class SimilarityConfig(AppConfig):
    name = "quiver.similarity"
    default_auto_field = "django.db.models.BigAutoField"
