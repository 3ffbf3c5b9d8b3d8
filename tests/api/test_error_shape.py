"""Every error under /api/ answers JSON `{"detail": ...}`, including those no API handler sees (issue 10)."""

import logging

import pytest
from django.test import Client

METHODS = ["get", "post", "put", "patch", "delete"]
UNROUTED = [
    "/api/v1/assets/-1",
    "/api/v1/assets/abc",
    "/api/v1/assets/1.5",
    "/api/v1/nope",
    "/api/v1/assets/1/nope",
    "/api/v1/assets/",
    "/api/",
    "/api/v2/assets",
]


def _json(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), (response.status_code, response.content[:80])
    return response.json()


@pytest.mark.parametrize("method", METHODS)
def test_a_path_no_route_matches_is_a_json_404_for_every_method(as_admin, method):
    for url in UNROUTED:
        response = getattr(as_admin, method)(url)
        assert response.status_code == 404, (method, url)
        assert _json(response) == {"detail": "Not found."}, (method, url)


def test_unrouted_paths_are_json_without_credentials_too(db):
    response = Client().get("/api/v1/assets/-1")
    assert response.status_code == 404 and _json(response) == {"detail": "Not found."}


def test_a_method_the_route_does_not_take_is_a_json_405_with_allow(as_admin, link_asset):
    for method, url in [
        ("put", "/api/v1/assets"),
        ("delete", "/api/v1/tags"),
        ("put", f"/api/v1/assets/{link_asset.pk}"),
        ("get", f"/api/v1/assets/{link_asset.pk}/archive"),
    ]:
        response = getattr(as_admin, method)(url)
        assert response.status_code == 405, (method, url)
        detail = _json(response)["detail"]
        assert detail.startswith(f"Method {method.upper()} is not allowed here.")
        assert response["Allow"] and response["Allow"] in detail


def test_unknown_and_out_of_range_ids(as_admin):
    assert _json(as_admin.get("/api/v1/assets/987654")) == {"detail": "Not found."}
    huge = as_admin.get(f"/api/v1/assets/{2**63}")
    assert huge.status_code == 422 and _json(huge)["detail"][0]["loc"] == ["path", "asset_id"]


def test_an_oversized_json_body_is_a_json_413(as_editor, settings, link_asset):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_editor.patch(
        f"/api/v1/assets/{link_asset.pk}", {"description": "x" * 5000}, content_type="application/json"
    )
    assert response.status_code == 413 and "larger than" in _json(response)["detail"]


def test_a_server_error_is_json_and_still_logged(as_admin, settings, caplog):
    settings.ROOT_URLCONF = "tests.api.boom_urls"
    as_admin.raise_request_exception = False
    with caplog.at_level(logging.WARNING):
        response = as_admin.get("/api/v1/test-boom")
    assert response.status_code == 500
    assert _json(response) == {"detail": "Server error: the request failed and was logged."}
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and errors[0].exc_info  # a real fault keeps its traceback


def test_expected_refusals_log_one_line_without_traceback(as_viewer, as_admin, viewer, caplog):
    from django.urls import reverse

    web = Client()
    web.force_login(viewer)
    with caplog.at_level(logging.DEBUG):
        answers = [
            as_viewer.post("/api/v1/assets", {"link_url": "https://example.com"}),  # PermissionDenied -> 403
            as_admin.get("/api/v1/assets/987654"),  # Http404 -> 404
            as_viewer.get("/api/v1/assets", {"page": "0"}),  # validation -> 422
            web.get(reverse("library:upload")),  # PermissionDenied in a web view -> 403
            web.get(reverse("library:asset", args=[987654])),  # Http404 in a web view -> 404
        ]
    assert [a.status_code for a in answers] == [403, 404, 422, 403, 404]
    request_logs = [r for r in caplog.records if r.name.startswith("django.")]
    assert len(request_logs) == len(answers), [r.getMessage() for r in request_logs]
    for record in request_logs:
        assert record.levelno == logging.WARNING and not record.exc_info and not record.exc_text, record.getMessage()
    assert "Traceback" not in caplog.text
