from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "quiver.taxonomy"
    label = "taxonomy"
    verbose_name = "Taxonomy"

    def ready(self):
        from quiver.library import providers

        from . import search_facets, selectors, services

        search_facets.register()
        providers.collection_members.provide(selectors.collection_members)
        providers.facet_maps.provide(selectors.asset_facet_maps)
        providers.set_facets.provide(services.set_asset_facets)
