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
