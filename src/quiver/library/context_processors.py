from . import policy


def quiver(request):
    user = getattr(request, "user", None)
    return {
        "can_upload": bool(user and user.is_authenticated and policy.can_create_assets(user)),
        "is_admin": bool(user and user.is_authenticated and policy.is_admin(user)),
    }
