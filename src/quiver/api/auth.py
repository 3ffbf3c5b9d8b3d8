"""API authentication: personal tokens (`Authorization: Bearer <token>`) and, for the browser, the session
cookie with CSRF on unsafe methods. Both refuse inactive users; tokens are looked up by their SHA-256."""

from django.conf import settings
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from quiver.accounts.tokens import user_for_token


class TokenAuth(HttpBearer):
    """A personal API token (only its hash is stored). Revoked tokens and inactive users are refused (401)."""

    def authenticate(self, request, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session. CSRF is checked only for a logged-in session (unsafe methods), so a request with
    no credentials at all gets 401, not a CSRF 403; a request carrying an Authorization header never falls
    back to the session."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        if "authorization" in request.headers:
            return None
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated and user.is_active):
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return user


token_auth = TokenAuth()
session_auth = SessionAuth()
AUTH = [token_auth, session_auth]
