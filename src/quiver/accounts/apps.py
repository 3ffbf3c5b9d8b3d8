from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "quiver.accounts"
    label = "accounts"
