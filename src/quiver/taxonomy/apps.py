from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "quiver.taxonomy"
    label = "taxonomy"
    verbose_name = "Taxonomy"

    def ready(self):
        from . import search_facets

        search_facets.register()
