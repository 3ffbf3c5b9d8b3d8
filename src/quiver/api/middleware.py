"""Every error under /api/ answers JSON in the API's shape, `{"detail": ...}`, including those no API handler
saw: a path no route matches (404, whatever the method), a method a route does not take (405, with `Allow`), and
Django's own error pages (400, 403, 413, 500). The status and headers are kept; the HTML body is replaced."""

import json

API_PREFIX = "/api/"

MESSAGES = {
    400: "Bad request.",
    401: "Authentication required: send 'Authorization: Bearer <token>'.",
    403: "You may not do this.",
    404: "Not found.",
    413: "The request body is too large.",
    500: "Server error: the request failed and was logged.",
}


def _is_json(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip().lower() in (
        "application/json",
        "application/problem+json",
    )


def _detail(request, response) -> str:
    status = response.status_code
    if status == 405:
        allowed = response.get("Allow", "")
        return f"Method {request.method} is not allowed here." + (f" Allowed: {allowed}." if allowed else "")
    return MESSAGES.get(status) or (MESSAGES[500] if status >= 500 else MESSAGES[400])


class ApiErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path_info.startswith(API_PREFIX)
            and not getattr(response, "streaming", False)
            and not _is_json(response)
        ):
            response.content = json.dumps({"detail": _detail(request, response)}).encode()
            response["Content-Type"] = "application/json; charset=utf-8"
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
