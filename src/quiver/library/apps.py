from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "quiver.library"
    label = "library"

    def ready(self):
        from quiver.accounts import providers

        from . import grants

        providers.collection_access.provide(grants.user_access)
        providers.group_grants.provide(grants.group_grants)
