"""The three roles a user has (accounts.User.role). A role caps what collection grants give."""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    EDITOR = "editor", "Editor (marketing)"
    VIEWER = "viewer", "Viewer (sales)"
