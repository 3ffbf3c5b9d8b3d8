from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "quiver.library"
    label = "library"
