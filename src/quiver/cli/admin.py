"""Administration commands: users and API tokens."""

import typer

from . import app, setup_django


@app.command()
def createuser(
    name: str,
    role: str = typer.Option("viewer", help="admin, editor or viewer"),
    password: str = typer.Option(None, prompt=True, hide_input=True, confirmation_prompt=True),
    email: str = typer.Option(""),
) -> None:
    """Create a user with a role."""
    setup_django()
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from quiver.accounts.services import create_user

    if role not in ("admin", "editor", "viewer"):
        raise typer.BadParameter("role must be admin, editor or viewer")
    try:
        with transaction.atomic():
            create_user(name, role, password, email=email)
    except ValidationError as exc:
        typer.echo(f"error: {'; '.join(exc.messages)}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"created {role} {name}")


@app.command()
def token(name: str, label: str = typer.Option("cli", help="A name for the token")) -> None:
    """Print a new API token for user NAME (send it as `Authorization: Bearer <token>`)."""
    setup_django()
    from quiver.accounts.models import User
    from quiver.accounts.services import issue_token

    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        typer.echo(f"error: no active user named {name!r}", err=True)
        raise typer.Exit(1)
    typer.echo(issue_token(user, label))
