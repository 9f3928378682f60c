"""Command-line tasks: migrate, load the demo, create an admin, purge meetings past retention."""

import getpass
import sys
from datetime import UTC, datetime

import click
from flask import Flask, current_app, url_for

from . import accounts, db, demo, migrate, retention
from .domain.errors import MeetingError


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
    @click.option("--email", prompt=True, help="The administrator's email (their sign-in name).")
    @click.option("--name", prompt=True, help="The administrator's full name.")
    @click.option(
        "--password-stdin",
        is_flag=True,
        help="Read the password from the first line of standard input (for scripts), instead of asking.",
    )
    def create_admin(email, name, password_stdin):
        """Create an administrator account (the first one, from the server's shell)."""
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password (12+ characters)", hide_input=True, confirmation_prompt=True)
        session = db.session()
        try:
            accounts.create_user(
                session, datetime.now(UTC), email=email, name=name, role="admin", password=password
            )
            session.commit()
        except MeetingError as error:
            session.rollback()
            raise click.ClickException(error.message) from None
        click.echo(f"Created admin {email.strip().lower()}.")

    @app.cli.command("purge-expired")
    @click.option("--dry-run", is_flag=True, help="Only list what would be purged, and what is kept and why.")
    def purge_expired(dry_run):
        """Purge meetings whose case closed more than RETENTION_YEARS ago, recording each purge."""
        years = current_app.config["RETENTION_YEARS"]
        now = datetime.now(UTC)
        session = db.session()
        found = retention.review(session, now, years)
        limit = retention.cutoff(now, years)
        click.echo(f"Retention period: {years} years after the case closes (closed before {limit:%Y-%m-%d}).")
        for meeting, why in found.kept:
            click.echo(f"  keep   {_label(meeting)}: {why}")
        if not found.due:
            click.echo("No meeting is past its retention period.")
            return
        by = f"cli:{_os_user()}"
        for meeting in found.due:
            label = _label(meeting)
            if dry_run:
                counts = retention.count_rows(session, meeting.id)
                rows, entries = sum(counts.values()), counts["audit_entries"]
                click.echo(f"  would purge {label}: {rows} rows, {entries} audit entries")
                continue
            try:
                record = retention.purge(session, meeting, now, years, by)
                session.commit()
            except Exception as error:
                session.rollback()
                raise click.ClickException(
                    f"Purging {label} failed; nothing of it was deleted: {error}"
                ) from error
            rows, entries = sum(record.row_counts.values()), record.audit_entries
            click.echo(f"  purged {label}: {rows} rows, {entries} audit entries (purge record {record.id})")
        if dry_run:
            click.echo(
                f"Dry run: {len(found.due)} meeting(s) would be purged. Run without --dry-run to purge them."
            )
        else:
            click.echo(f"Purged {len(found.due)} meeting(s); each purge is kept in purge_records.")


def _label(meeting) -> str:
    return f"meeting {meeting.id} ({meeting.case_reference}, closed {meeting.closed_at:%Y-%m-%d})"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


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
