"""The permission-matrix rows name seeded facets by id; they must still be the seeded Topic field and its ROI."""

from quiver.taxonomy.models import FacetValue

from .matrix_rows import ROI, TAXONOMY_ROWS, TOPIC


def test_literal_ids_are_the_seeded_topic_and_roi(db):
    value = FacetValue.objects.select_related("field").get(pk=ROI)
    assert (value.field.pk, value.field.slug, value.name) == (TOPIC, "topic", "ROI")


def test_every_taxonomy_route_has_a_row():
    from tests.api.world import all_routes

    names = {
        r.name
        for r in all_routes()
        if r.name.startswith("taxonomy:")
        or r.route.startswith(("/api/v1/facets", "/taxonomy/"))
        or r.route.endswith(("/facets", "/rule", "/rule/preview"))
    }
    assert names <= {row[0] for row in TAXONOMY_ROWS}
