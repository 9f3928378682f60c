"""Retention: `flask purge-expired --dry-run` lists, without it purges meetings whose case closed more
than RETENTION_YEARS ago (every row of them), recording each purge; the database lets audit entries
go only that way. On SQLite and on PostgreSQL."""

import shutil
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from meeting import db, migrate, ratelimit, retention
from meeting.models import AuditEntry, Base, Meeting, PurgeRecord, User
from meeting.operations.setup import create_meeting
from tests.conftest import NOW, app_with_demo, sign_in
from tests.postgres import postgres_schema
from tests.security.test_audit_log import play


@pytest.fixture(params=["sqlite", "postgresql"])
def any_app(request, tmp_path, migrated_template, monkeypatch):
    """The app on a fresh migrated database of each kind, with the demo conference."""
    monkeypatch.setenv("ECP_INSTANCE_DIR", str(tmp_path))
    ratelimit.reset()
    with ExitStack() as stack:
        if request.param == "sqlite":
            shutil.copy(migrated_template, tmp_path / "ecp.db")
            url = f"sqlite:///{tmp_path / 'ecp.db'}"
        else:
            url = stack.enter_context(postgres_schema("sec"))
            migrate.upgrade(url)
        yield stack.enter_context(app_with_demo(url, tmp_path))


def _chair_client(app):
    from meeting.demo import CHAIR_EMAIL

    c = app.test_client()
    assert sign_in(c, CHAIR_EMAIL).status_code == 302
    return c


def _backdate(app, meeting_id: int, years: int, days: int = 0) -> None:
    """Pretend the meeting closed `years` years (and `days` days) ago."""
    with app.app_context():
        meeting = db.session().get(Meeting, meeting_id)
        meeting.status, meeting.lobby_open, meeting.join_code = "closed", False, None
        # The CLI reads the real clock, so "ago" is from now, not from the tests' fixed NOW.
        meeting.closed_at = retention.cutoff(datetime.now(UTC), years) - timedelta(days=days)
        db.session().commit()


def _new_meeting(app, case_reference: str, previous: int | None = None) -> int:
    with app.app_context():
        session = db.session()
        chair = session.scalar(select(User).where(User.role == "chair"))
        meeting = create_meeting(
            session,
            chair,
            NOW,
            kind="review_conference",
            title="Review",
            case_reference=case_reference,
            meeting_date=date(2026, 12, 1),
            language="en",
            scale_min=1,
            children=[("Ela", 5, None)],
            previous_meeting_id=previous,
        )
        session.commit()
        return meeting.id


def _rows_of(app, meeting_id: int) -> dict[str, int]:
    """How many rows of each table belong to one meeting (tables with a meeting_id, and its own row)."""
    counts = {}
    with app.app_context():
        session = db.session()
        for table in Base.metadata.sorted_tables:
            if "meeting_id" in table.c and table.name != "purge_records":
                counts[table.name] = session.scalar(
                    select(func.count()).select_from(table).where(table.c.meeting_id == meeting_id)
                )
        counts["meetings"] = session.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.id == meeting_id)
        )
        return counts


def _cli(app, *args):
    result = app.test_cli_runner().invoke(args=["purge-expired", *args])
    return result


def _every_row(app) -> int:
    with app.app_context():
        session = db.session()
        return sum(session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables)


def test_the_shipped_default_is_35_years(app):
    assert app.config["RETENTION_YEARS"] == 35


def test_a_dry_run_lists_and_changes_nothing(app, chair_client, demo_meeting):
    play(app, chair_client, demo_meeting)
    _backdate(app, demo_meeting, 35, days=1)
    before = _every_row(app)
    result = _cli(app, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"would purge meeting {demo_meeting} (CP-2026-0147" in result.output
    assert "Dry run: 1 meeting(s) would be purged" in result.output
    assert _every_row(app) == before


def test_within_the_retention_period_nothing_is_purged(app, demo_meeting):
    _backdate(app, demo_meeting, 34)
    result = _cli(app)
    assert "No meeting is past its retention period." in result.output
    assert _rows_of(app, demo_meeting)["meetings"] == 1


def test_the_period_is_what_the_local_authority_sets(app, demo_meeting):
    _backdate(app, demo_meeting, 26)
    app.config["RETENTION_YEARS"] = 25
    assert "purged meeting" in _cli(app).output
    assert _rows_of(app, demo_meeting)["meetings"] == 0


def test_purge_removes_every_row_of_the_meeting_and_records_it(any_app):
    app = any_app
    meeting_id = app.config["DEMO_MEETING"]
    play(app, _chair_client(app), meeting_id)
    other = _new_meeting(app, "CP-2030-0001")
    other_rows = _rows_of(app, other)
    before = _rows_of(app, meeting_id)
    assert before["audit_entries"] > 40 and before["contributions"] > 0 and before["scaling_rounds"] > 0
    _backdate(app, meeting_id, 36)

    result = _cli(app)
    assert result.exit_code == 0, result.output
    assert f"purged meeting {meeting_id}" in result.output

    assert set(_rows_of(app, meeting_id).values()) == {0}
    assert _rows_of(app, other) == other_rows
    with app.app_context():
        session = db.session()
        # Nothing left in the tables without a meeting_id either (the other meeting has none there).
        for table in ("scale_positions", "behaviour_answers", "area_children"):
            assert session.scalar(text(f"SELECT count(*) FROM {table}")) == 0, table
        record = session.scalar(select(PurgeRecord).where(PurgeRecord.meeting_id == meeting_id))
        assert record.case_reference == "CP-2026-0147"
        assert record.retention_years == 35
        assert record.purged_by.startswith("cli:")
        assert record.audit_entries == before["audit_entries"]
        assert record.row_counts["audit_entries"] == before["audit_entries"]
        assert record.row_counts["contributions"] == before["contributions"]
        assert record.row_counts["meetings"] == 1
        assert sum(record.row_counts.values()) > sum(before.values())  # positions, answers, area links too


def test_a_case_with_a_meeting_inside_the_period_is_kept(app, demo_meeting):
    _backdate(app, demo_meeting, 40)
    later = _new_meeting(app, "CP-2026-0147")  # same case, still a draft
    result = _cli(app, "--dry-run")
    assert f"keep   meeting {demo_meeting}" in result.output
    assert f"case CP-2026-0147 has meeting {later} within retention" in result.output
    assert "No meeting is past its retention period." in result.output


def test_a_meeting_continued_by_a_kept_meeting_is_kept(app, demo_meeting):
    _backdate(app, demo_meeting, 40)
    later = _new_meeting(app, "CP-2031-0002", previous=demo_meeting)
    result = _cli(app)
    assert f"continued by meeting {later}, which is kept" in result.output
    assert _rows_of(app, demo_meeting)["meetings"] == 1


def test_a_whole_expired_chain_is_purged_newest_first(app, demo_meeting):
    later = _new_meeting(app, "CP-2026-0147", previous=demo_meeting)
    _backdate(app, demo_meeting, 45)
    _backdate(app, later, 40)
    result = _cli(app)
    assert result.exit_code == 0, result.output
    assert result.output.index(f"purged meeting {later}") < result.output.index(
        f"purged meeting {demo_meeting}"
    )


def test_a_purged_meetings_id_is_never_given_to_a_new_meeting(app, demo_meeting):
    _backdate(app, demo_meeting, 36)
    _cli(app)
    assert _new_meeting(app, "CP-2032-0003") > demo_meeting


# --- the database refuses every other change ---------------------------------------------------


def _first_entry(app, meeting_id):
    with app.app_context():
        return db.session().scalar(select(AuditEntry.id).where(AuditEntry.meeting_id == meeting_id))


def _refused(app, sql: str, **params) -> None:
    with app.app_context():
        session = db.session()
        with pytest.raises(DatabaseError):
            session.execute(text(sql), params)
            session.flush()
        session.rollback()


def test_the_database_refuses_to_update_an_audit_entry(any_app):
    meeting_id = any_app.config["DEMO_MEETING"]
    _refused(
        any_app, "UPDATE audit_entries SET command = 'x' WHERE id = :id", id=_first_entry(any_app, meeting_id)
    )


def test_the_database_refuses_to_delete_an_audit_entry(any_app):
    meeting_id = any_app.config["DEMO_MEETING"]
    _refused(any_app, "DELETE FROM audit_entries WHERE meeting_id = :m", m=meeting_id)
    _refused(any_app, "DELETE FROM audit_entries")


def test_a_forged_purge_record_does_not_open_an_open_meeting_log(any_app):
    """A purge record counts only for a closed meeting at its recorded closing time."""
    app, meeting_id = any_app, any_app.config["DEMO_MEETING"]
    with app.app_context():
        session = db.session()
        session.add(
            PurgeRecord(meeting_id=meeting_id, case_reference="forged", purged_at=NOW, retention_years=1)
        )
        session.commit()
    _refused(app, "DELETE FROM audit_entries WHERE meeting_id = :m", m=meeting_id)
    _backdate(app, meeting_id, 1)  # now closed, but not at the time the forged record names
    _refused(app, "DELETE FROM audit_entries WHERE meeting_id = :m", m=meeting_id)


def test_purge_records_can_be_neither_changed_nor_deleted(any_app):
    app, meeting_id = any_app, any_app.config["DEMO_MEETING"]
    _backdate(app, meeting_id, 36)
    assert "purged meeting" in _cli(app).output
    _refused(app, "UPDATE purge_records SET case_reference = 'x'")
    _refused(app, "DELETE FROM purge_records")


def test_the_purge_refuses_a_meeting_inside_its_period(app, demo_meeting):
    _backdate(app, demo_meeting, 10)
    with app.app_context():
        meeting = db.session().get(Meeting, demo_meeting)
        with pytest.raises(ValueError, match="less than 35 years"):
            retention.purge(db.session(), meeting, datetime.now(UTC), 35, "test")
