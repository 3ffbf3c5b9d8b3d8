from .policy import read_cache


class SecurityHeadersMiddleware:
    """Content-Security-Policy for every page: no inline scripts, nothing from other origins."""

    CSP = (
        "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; "
        "script-src 'self'; object-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.CSP)
        return response


class PolicyReadCacheMiddleware:
    """GET and HEAD requests read each user's collection grants once (core.policy.read_cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with read_cache():
            return self.get_response(request)


class UploadSizeGuardMiddleware:
    """Refuses a request body larger than one upload (core.uploads.max_body_bytes) with 413 before reading it:
    from its Content-Length, or, for a body sent without one (chunked), by reading it into a spool and stopping
    at the limit. The answer is JSON for the API and for upload.js (Accept: application/json), a page otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .uploads import max_body_bytes

        limit = max_body_bytes()
        try:
            length = int(request.META.get("CONTENT_LENGTH") or -1)
        except ValueError:
            length = -1
        if length > limit:
            return _too_large(request)
        spool = None
        if length < 0 and _sends_unsized_body(request):
            spool = _spool_body(request, limit)
            if spool is None:
                return _too_large(request)
        try:
            return self.get_response(request)
        finally:
            if spool is not None:
                spool.close()


def _sends_unsized_body(request) -> bool:
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower() and request.META.get(
        "wsgi.input_terminated", False
    )


def _spool_body(request, limit: int):
    """The body read into a temporary file (None past `limit`); the request then reads it from there."""
    import tempfile

    from django.conf import settings
    from django.core.handlers.wsgi import LimitedStream

    # Closed by the middleware once the response is made.
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
    size, source = 0, request.META["wsgi.input"]
    while chunk := source.read(64 * 1024):
        size += len(chunk)
        if size > limit:
            spool.close()
            return None
        spool.write(chunk)
    spool.seek(0)
    request.META["CONTENT_LENGTH"] = str(size)
    request._stream = LimitedStream(spool, size)
    return spool


def _too_large(request):
    from django.http import HttpResponse, JsonResponse
    from django.utils.html import escape

    from .uploads import too_large_message

    message = too_large_message()
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=413)
    elif "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"ok": False, "error": message}, status=413)
    else:
        # The form without JavaScript sends every file in one request: say how to get under the limit.
        response = HttpResponse(
            f'<!doctype html><html lang="en"><title>Too large</title><h1>Upload refused</h1>'
            f"<p>{escape(message)} Without JavaScript all chosen files travel in one request: "
            f'choose fewer or smaller files.</p><p><a href="/">Back to the library</a></p></html>',
            status=413,
        )
    return response
