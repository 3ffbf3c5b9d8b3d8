"""The interactive docs page (Swagger UI from ninja's bundled static files) needs inline styles, which the
site-wide Content-Security-Policy forbids; this page alone gets a policy that allows them (scripts stay 'self')."""

from functools import wraps

DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
)


def docs_csp(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response

    return wrapper
