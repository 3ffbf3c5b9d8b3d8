"""Whatever the bodies and parameters, the categorization endpoints never answer 5xx and never name the hidden
asset to anyone but admins."""

import json

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiver.categorize.models import Suggestion
from quiver.taxonomy.models import FacetValue
from tests.api.world import build_world

SECRET = "Hidden plan"
FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["tags", "industry", "Retail", "asset-type", "language", "German", "a\x00b", "(a+)+$", r"(a)\1", "x" * 2000]
    ),
)
scalars = st.one_of(text, st.integers(min_value=-2, max_value=2**70), st.booleans(), st.none(), st.floats())
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3), max_leaves=6
)
keys = st.sampled_from(
    [
        "field",
        "value",
        "algorithm",
        "pattern",
        "case_sensitive",
        "manual_only",
        "items",
        "asset",
        "kind",
        "assets",
        "rules",
        "auto_threshold",
        "suggest_threshold",
    ]
)
bodies = st.one_of(st.dictionaries(keys, values, max_size=5), values)
WRITES = [
    ("post", "/api/v1/assets/{a}/suggestions/accept"),
    ("post", "/api/v1/assets/{a}/suggestions/reject"),
    ("post", "/api/v1/assets/{a}/suggestions/revert"),
    ("post", "/api/v1/taxonomy/suggestions/accept"),
    ("post", "/api/v1/taxonomy/suggestions/reject"),
    ("post", "/api/v1/taxonomy/rules"),
    ("patch", "/api/v1/taxonomy/rules/{a}"),
    ("post", "/api/v1/taxonomy/runs"),
    ("patch", "/api/v1/taxonomy/policies"),
]
READS = [
    "/api/v1/assets/{a}/suggestions",
    "/api/v1/taxonomy/suggestions",
    "/api/v1/taxonomy/rules",
    "/api/v1/taxonomy/rules/{a}",
    "/api/v1/taxonomy/runs/{a}",
    "/api/v1/taxonomy/policies",
    "/api/v1/taxonomy/training",
]


@pytest.fixture
def world(db):
    world = build_world()
    retail = FacetValue.objects.get(field__slug="industry", name="Retail")
    for key in ("shared", "hidden"):
        Suggestion.objects.create(asset=world[key], field="industry", facet_value=retail, confidence=0.5)
    return world


def _target(data, world):
    return data.draw(
        st.one_of(
            st.sampled_from([world[k].pk for k in ("shared", "hidden", "own")]),
            st.integers(min_value=0, max_value=2**64),
        )
    )


@FUZZ
@given(data=st.data())
def test_writes_never_fail_with_a_server_error(world, data):
    method, path = data.draw(st.sampled_from(WRITES))
    role = data.draw(st.sampled_from(["viewer", "editor", "outsider", "admin"]))
    client = Client(headers={"Authorization": f"Bearer {world['tokens'][role]}"})
    url = path.format(a=_target(data, world))
    with transaction.atomic():
        response = getattr(client, method)(url, json.dumps(data.draw(bodies)), content_type="application/json")
        assert response.status_code < 500, (method, url, response.content[:300])
        if role != "admin":
            assert SECRET not in response.content.decode(errors="replace")
            assert Suggestion.objects.get(asset=world["hidden"]).status == "pending"
        transaction.set_rollback(True)


@FUZZ
@given(data=st.data())
def test_reads_never_fail_and_never_leak(world, data):
    path = data.draw(st.sampled_from(READS))
    role = data.draw(st.sampled_from(["viewer", "editor", "outsider", "admin"]))
    query = data.draw(
        st.dictionaries(
            st.sampled_from(["field", "source", "asset", "limit", "include_applied"]),
            scalars.filter(lambda v: v is not None),
            max_size=3,
        )
    )
    client = Client(headers={"Authorization": f"Bearer {world['tokens'][role]}"})
    response = client.get(path.format(a=_target(data, world)), query)
    assert response.status_code < 500, (path, query, response.content[:300])
    if role != "admin":
        assert SECRET not in response.content.decode(errors="replace")
