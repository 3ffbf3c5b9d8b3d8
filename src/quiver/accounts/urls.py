from django.contrib.auth import views as auth_views
from django.urls import path

from .views import account, groups, tokens, users

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # My account (every signed-in user)
    path("me/", account.my_account, name="me"),
    path("me/password/", account.PasswordChange.as_view(), name="password_change"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    # Administration (admins only)
    path("tokens/all/", tokens.token_admin, name="tokens_admin"),
    path("users/", users.user_list, name="users"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user"),
    path("users/<int:pk>/profile/", users.user_profile, name="user_profile"),
    path("users/<int:pk>/role/", users.user_role, name="user_role"),
    path("users/<int:pk>/groups/", users.user_groups, name="user_groups"),
    path("users/<int:pk>/active/", users.user_active, name="user_active"),
    path("groups/", groups.group_list, name="groups"),
    path("groups/<int:pk>/", groups.group_detail, name="group"),
    path("groups/<int:pk>/rename/", groups.group_rename, name="group_rename"),
    path("groups/<int:pk>/members/", groups.group_members, name="group_members"),
]
