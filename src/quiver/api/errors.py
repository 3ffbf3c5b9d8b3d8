"""Every API error is JSON `{"detail": ...}`; bad input is a 4xx, never a 500."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja.errors import AuthenticationError


def _messages(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        return {field: [msg for error in errors for msg in error.messages]
                for field, errors in exc.error_dict.items()}
    return " ".join(exc.messages)


def install(api) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        return api.create_response(request, {"detail": _messages(exc)}, status=400)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return api.create_response(request, {"detail": str(exc) or "You may not do this."}, status=403)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": "Not found."}, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        response = api.create_response(request, {"detail": "Authentication required: send "
                                                            "'Authorization: Bearer <token>'."}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="quiver"'
        return response
