"""Command-line tasks: migrate, load the demo, create the first admin."""

import getpass

import click
from flask import Flask, current_app, url_for

from . import accounts, db, demo, migrate


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""

    @app.cli.command("upgrade-db")
    def upgrade_db():
        """Create or upgrade the database schema through Alembic."""
        migrate.upgrade(current_app.config["DATABASE_URL"])
        click.echo("Database is up to date.")

    @app.cli.command("demo")
    def demo_command():
        """Load the demo meeting (once) and print the URLs to open."""
        for line in demo_urls(current_app):
            click.echo(line)

    @app.cli.command("create-admin")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    def create_admin(email, name):
        """Create the first administrator account."""
        from datetime import UTC, datetime

        password = getpass.getpass("Password (12+ characters): ")
        with app.app_context():
            accounts.create_user(db.session(), datetime.now(UTC), email=email, name=name, role="admin", password=password)
            db.session().commit()
        click.echo(f"Created admin {email}.")


def demo_urls(app: Flask, base: str = "http://127.0.0.1:5000") -> list[str]:
    """Make sure the demo exists; return the lines that tell a newcomer what to open."""
    with app.app_context():
        meeting, password = demo.ensure_demo(db.session(), app.config["INSTANCE_DIR"])
        db.session().commit()
        with app.test_request_context(base_url=base):
            console = base + url_for("meetings.console", meeting_id=meeting.id)
            screen = base + url_for("meetings.screen", meeting_id=meeting.id, key=meeting.screen_key)
            join = base + url_for("join.details", code=meeting.join_code)
        return [
            "",
            "ECP Live is running with a demo meeting (fictional: the Hughes family).",
            f"  Chair console : {console}",
            f"                  sign in as {demo.CHAIR_EMAIL} / {password}",
            f"  Shared screen : {screen}",
            f"  Join page     : {base}/join   code {meeting.join_code}",
            f"                  (or straight to {join})",
            "",
        ]
