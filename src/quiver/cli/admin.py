"""Administration commands: users and API tokens."""

from enum import Enum

import typer

from . import app, setup_django


class RoleName(str, Enum):
    admin = "admin"
    editor = "editor"
    viewer = "viewer"


@app.command()
def createuser(
    name: str = typer.Argument(..., help="Username"),
    role: RoleName = typer.Option(RoleName.viewer, "--role", "-r", case_sensitive=False,
                                  help="admin (everything), editor (marketing) or viewer (sales)"),
    password: str = typer.Option(None, "--password", "-p", prompt=True, hide_input=True, confirmation_prompt=True,
                                 help="Give it here for non-interactive use; prompted for otherwise."),
    email: str = typer.Option("", "--email"),
    first_name: str = typer.Option("", "--first-name"),
    last_name: str = typer.Option("", "--last-name"),
) -> None:
    """Create a user with a role (the role's default group gives it its grants)."""
    setup_django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from quiver.accounts.models import User
    from quiver.accounts.services import create_user

    try:
        validate_password(password, User(username=name, email=email, first_name=first_name, last_name=last_name))
        with transaction.atomic():
            create_user(name, role.value, password, email=email, first_name=first_name, last_name=last_name)
    except ValidationError as exc:
        typer.echo(f"error: {'; '.join(exc.messages)}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"created {role.value} {name}")


@app.command()
def token(name: str = typer.Argument(..., help="Username"),
          label: str = typer.Option("cli", "--label", help="A name for the token, shown in the user's token list")
          ) -> None:
    """Print a new API token for user NAME (send it as `Authorization: Bearer <token>`)."""
    setup_django()
    from django.db import transaction

    from quiver.accounts.models import User
    from quiver.accounts.services import issue_token

    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        typer.echo(f"error: no active user named {name!r}", err=True)
        raise typer.Exit(1)
    with transaction.atomic():
        raw = issue_token(user, label)
    typer.echo(raw)
