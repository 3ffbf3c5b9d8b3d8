"""Every API error is JSON `{"detail": ...}`; bad input is a 4xx, never a 500."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation, ValidationError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja.errors import AuthenticationError


def _messages(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        return {field: [msg for error in errors for msg in error.messages] for field, errors in exc.error_dict.items()}
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

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        return api.create_response(
            request,
            {"detail": f"The request's fields are larger than {limit} MB; send large content as a file."},
            status=413,
        )

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):  # too many fields or files, a malformed body: Django's limits, said plainly
        return api.create_response(request, {"detail": f"The request was refused: {exc}"}, status=400)

    @api.exception_handler(MultiPartParserError)
    def unreadable_multipart(request, exc):
        return api.create_response(request, {"detail": f"The multipart body could not be read: {exc}"}, status=400)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        response = api.create_response(
            request, {"detail": "Authentication required: send 'Authorization: Bearer <token>'."}, status=401
        )
        response["WWW-Authenticate"] = 'Bearer realm="quiver"'
        return response
