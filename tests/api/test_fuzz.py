"""Property tests over the OpenAPI schema: whatever the parameters and bodies, no endpoint answers 5xx, and no
role ever receives an asset it may not see."""

import json

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiver.api.urls import api
from quiver.library.models import Asset

from .world import build_world

SCHEMA = api.get_openapi_schema()
OPERATIONS = sorted((path, method) for path, ops in SCHEMA["paths"].items() for method in ops)
SECRET = "Hidden plan"
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.integers(min_value=-2, max_value=2**63),
    st.sampled_from([2**31, 2**63 - 1, 2**63, 2**70]),
    st.text(max_size=20),
    st.booleans(),
    st.none(),
    st.sampled_from(["ready", "draft", "deck", "archived", "", "0", "1e9", "../", "%00", "a\x00b"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6,
)
bodies = st.one_of(
    st.dictionaries(
        st.sampled_from(
            [
                "title",
                "description",
                "asset_type",
                "owner",
                "lifecycle",
                "tags",
                "collections",
                "link_url",
                "name",
                "parent",
                "language",
            ]
        ),
        json_values,
        max_size=4,
    ),
    json_values,
)


@pytest.fixture
def world(db):
    return build_world()


def _url(path: str, ids: dict, draw_id) -> str:
    return path.replace("{asset_id}", str(draw_id)).replace("{collection_id}", str(draw_id))


def _params(path: str, method: str) -> list[str]:
    return [p["name"] for p in SCHEMA["paths"][path][method].get("parameters", []) if p["in"] == "query"]


def _assert_no_leak(role: str, world, response):
    if role == "admin" or response.get("Content-Type", "").split(";")[0] != "application/json":
        return
    text = response.content.decode()
    assert SECRET not in text, f"{role} received the hidden asset"
    data = json.loads(text)
    items = data.get("items", []) if isinstance(data, dict) else data if isinstance(data, list) else []
    if isinstance(data, dict) and "id" in data and "asset_type" in data:
        items = [data]
    assert world["hidden"].pk not in {i.get("id") for i in items if isinstance(i, dict) and "asset_type" in i}


@FUZZ
@given(data=st.data())
def test_reads_never_fail_and_never_leak(world, data):
    path, method = data.draw(st.sampled_from([op for op in OPERATIONS if op[1] == "get"]))
    role = data.draw(st.sampled_from(["viewer", "editor", "outsider", "admin"]))
    target = data.draw(
        st.one_of(
            st.sampled_from([world[k].pk for k in ("shared", "draft", "hidden", "own", "root", "secret")]),
            st.integers(min_value=0, max_value=2**62),
        )
    )
    query = {name: data.draw(scalars) for name in _params(path, method) if data.draw(st.booleans())}
    query = {k: v for k, v in query.items() if v is not None}
    client = Client(headers={"Authorization": f"Bearer {world['tokens'][role]}"})
    response = client.get(_url(path, {}, target), query)
    assert response.status_code < 500, (path, query, response.status_code)
    _assert_no_leak(role, world, response)


@FUZZ
@given(data=st.data())
def test_writes_never_fail_with_a_server_error(world, data):
    path, method = data.draw(st.sampled_from([op for op in OPERATIONS if op[1] != "get"]))
    role = data.draw(st.sampled_from(["viewer", "editor", "outsider", "admin"]))
    target = data.draw(st.sampled_from([world[k].pk for k in ("shared", "draft", "hidden", "own", "root", "secret")]))
    client = Client(headers={"Authorization": f"Bearer {world['tokens'][role]}"})
    url = _url(path, {}, target)
    with transaction.atomic():  # every example starts from the same world
        _write(client, url, method, role, world, data, path)
        transaction.set_rollback(True)


def _write(client, url, method, role, world, data, path):
    if data.draw(st.booleans()):
        body = data.draw(bodies)
        response = getattr(client, method)(url, json.dumps(body), content_type="application/json")
    else:
        raw = data.draw(st.binary(max_size=40))
        response = getattr(client, method)(
            url,
            raw,
            content_type=data.draw(
                st.sampled_from(["application/json", "multipart/form-data; boundary=x", "text/plain"])
            ),
        )
    assert response.status_code < 500, (method, path, response.status_code, response.content[:300])
    if role != "admin":
        assert SECRET not in response.content.decode(errors="replace")
        hidden = Asset.objects.get(pk=world["hidden"].pk)
        assert (hidden.title, hidden.status, hidden.versions.count()) == (SECRET, "published", 1), (
            f"{role} changed the hidden asset with {method} {path}"
        )
        assert list(hidden.collections.values_list("pk", flat=True)) == [world["secret"].pk]
