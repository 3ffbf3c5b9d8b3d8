"""One POST, the plain standard library way: a timeout, no redirects followed, http(s) only."""

import http.client
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

MAX_RESPONSE_BYTES = 4096
ALLOWED_SCHEMES = ("http", "https")


class RefusedURL(ValueError):
    pass


@dataclass(frozen=True)
class Response:
    status: int
    body: str


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ALLOWED_SCHEMES or not parts.hostname:
        raise RefusedURL(f"only http:// and https:// URLs are allowed, got {url[:100]!r}")


def post(url: str, body: bytes, headers: dict[str, str], timeout: float | None = None) -> Response:
    """POST `body`; a 3xx is returned as is (its Location is never followed). Network errors raise OSError."""
    check_url(url)
    parts = urlsplit(url)
    timeout = settings.QUIVER_WEBHOOK_TIMEOUT_SECONDS if timeout is None else timeout
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "Quiver-Webhook/1", **headers},
        )
        response = conn.getresponse()
        text = response.read(MAX_RESPONSE_BYTES).decode("utf-8", errors="replace")
        return Response(response.status, text)
    finally:
        conn.close()
