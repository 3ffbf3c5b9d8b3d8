"""Who the credentials belong to: lets a client check its token and what it may do."""

from ninja import Router, Schema

from quiver.library import policy

router = Router(tags=["me"])


class MeOut(Schema):
    id: int
    username: str
    name: str
    role: str
    is_admin: bool
    can_create_assets: bool


@router.get("", response=MeOut, url_name="me")
def me(request):
    user = request.auth
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.get_full_name() or user.username,
        "role": user.role,
        "is_admin": policy.is_admin(user),
        "can_create_assets": policy.can_create_assets(user),
    }
