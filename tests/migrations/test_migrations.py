"""The migrations create the whole schema, match the models, downgrade cleanly, and keep data."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from meeting import migrate
from meeting.models import Base
from tests.postgres import postgres_schema


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _pending_changes(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'fresh.db'}"


@pytest.fixture
def postgres_url():
    """A private schema in the machine's `test` database, dropped afterwards."""
    with postgres_schema("mig") as url:
        yield url


def test_upgrade_creates_every_table_on_sqlite(sqlite_url):
    migrate.upgrade(sqlite_url)
    assert _tables(sqlite_url) == set(Base.metadata.tables)


def test_migration_matches_the_models_on_sqlite(sqlite_url):
    migrate.upgrade(sqlite_url)
    assert _pending_changes(sqlite_url) == []


def test_downgrade_leaves_an_empty_sqlite_database(sqlite_url):
    migrate.upgrade(sqlite_url)
    migrate.downgrade(sqlite_url)
    assert _tables(sqlite_url) == set()


def test_upgrade_creates_every_table_on_postgresql(postgres_url):
    migrate.upgrade(postgres_url)
    assert _tables(postgres_url) == set(Base.metadata.tables)


def test_migration_matches_the_models_on_postgresql(postgres_url):
    migrate.upgrade(postgres_url)
    assert _pending_changes(postgres_url) == []


def test_downgrade_leaves_an_empty_postgresql_schema(postgres_url):
    migrate.upgrade(postgres_url)
    migrate.downgrade(postgres_url)
    assert _tables(postgres_url) == set()


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "postgres_url"])
def test_database_refuses_to_update_an_audit_entry(url_fixture, request):
    url = request.getfixturevalue(url_fixture)
    migrate.upgrade(url)
    engine = create_engine(url)
    try:
        with engine.begin() as c:
            c.execute(
                text(
                    "INSERT INTO meetings (kind, title, case_reference, language, scale_min, scale_max,"
                    " status, meeting_date, revision, lobby_open, screen_key, created_at) VALUES"
                    " ('core_group','t','c','en',1,10,'draft','2026-01-05',0,false,'k',"
                    " '2026-01-05 10:00:00+00')"
                )
            )
            c.execute(
                text(
                    "INSERT INTO audit_entries (meeting_id, revision, command_id, command, actor_name,"
                    " actor_role, device, payload, result, created_at) VALUES (1, 1, 'cmd-00000001',"
                    " 'open_lobby', '', '', '', '{}', '{}', '2026-01-05 10:00:00+00')"
                )
            )
        with pytest.raises(Exception, match="append-only"):
            with engine.begin() as c:
                c.execute(text("UPDATE audit_entries SET command = 'forged'"))
    finally:
        engine.dispose()


# --- 0002: area visibility, on a database that already holds meetings --------------------------

_RECORDED = [
    "INSERT INTO meetings (kind, title, case_reference, language, scale_min, scale_max, status,"
    " meeting_date, revision, lobby_open, screen_key, created_at) VALUES ('core_group', 't', 'c', 'en',"
    " 1, 10, 'open', '2026-01-05', 0, false, 'k', '2026-01-05 10:00:00+00')",
    "INSERT INTO participants (meeting_id, name, role, language, admission, report_provided, online)"
    " VALUES (1, 'Rhian', 'chair', 'en', 'admitted', false, false)",
    "INSERT INTO areas (meeting_id, title, not_good_enough, good_enough, family_words, agreed_wording,"
    " position, created_at) VALUES (1, 'Home', '', '', '', '', 1, '2026-01-05 10:00:00+00')",
    "UPDATE meetings SET focus_area_id = 1",
    "INSERT INTO contributions (meeting_id, area_id, participant_id, kind, text, visibility,"
    " recorded_by_chair, created_at) VALUES (1, 1, 1, 'worry', 'x', 'everyone', false,"
    " '2026-01-05 10:00:00+00')",
    "INSERT INTO scaling_rounds (meeting_id, area_id, status, agreed_rationale, opened_at)"
    " VALUES (1, 1, 'open', '', '2026-01-05 10:00:00+00')",
    "INSERT INTO scale_positions (round_id, participant_id, value, reason, recorded_by_chair, placed_at)"
    " VALUES (1, 1, 3, '', false, '2026-01-05 10:00:00+00')",
]


def _upgrade_from(url: str, revision: str, statements: list[str]) -> None:
    """Migrate to `revision`, record data as that schema had it, then migrate to the head."""
    migrate.upgrade(url, revision)
    engine = create_engine(url)
    try:
        with engine.begin() as c:
            for statement in statements:
                c.execute(text(statement))
    finally:
        engine.dispose()
    migrate.upgrade(url)


def _query(url: str, queries: dict[str, str]) -> dict[str, list]:
    """The rows each query finds, by name."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return {name: c.execute(text(sql)).all() for name, sql in queries.items()}
    finally:
        engine.dispose()


def _upgrade_with_a_meeting(url: str) -> dict:
    """Upgrade from 0001 with one meeting recorded; what is there afterwards."""
    _upgrade_from(url, "0001", _RECORDED)
    counted = ("contributions", "scaling_rounds", "scale_positions")
    found = _query(
        url,
        {
            **{t: f"SELECT count(*) FROM {t}" for t in counted},
            "focus": "SELECT focus_area_id FROM meetings",
            "areas": "SELECT visibility, closed_session_id FROM areas",
            "rounds": "SELECT visibility FROM scaling_rounds",
        },
    )
    scalars = {k: found[k][0][0] for k in (*counted, "focus")}
    return {**scalars, "areas": found["areas"], "rounds": found["rounds"]}


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "postgres_url"])
def test_0002_keeps_everything_recorded_against_the_areas(url_fixture, request):
    # Batch mode's copy-and-move of `areas` would cascade-delete all of it on SQLite (foreign keys on).
    found = _upgrade_with_a_meeting(request.getfixturevalue(url_fixture))
    assert {k: found[k] for k in ("contributions", "scaling_rounds", "scale_positions", "focus")} == {
        "contributions": 1,
        "scaling_rounds": 1,
        "scale_positions": 1,
        "focus": 1,
    }


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "postgres_url"])
def test_0002_leaves_existing_areas_and_rounds_for_everyone(url_fixture, request):
    found = _upgrade_with_a_meeting(request.getfixturevalue(url_fixture))
    assert (found["areas"], found["rounds"]) == ([("everyone", None)], [("everyone",)])


def test_0002_downgrades_and_upgrades_again_on_sqlite(sqlite_url):
    _upgrade_with_a_meeting(sqlite_url)
    migrate.downgrade(sqlite_url, "0001")
    migrate.upgrade(sqlite_url)
    assert _pending_changes(sqlite_url) == []


# --- 0003: session epoch, on a database that already holds accounts ---------------------------

_ACCOUNTS = [
    "INSERT INTO users (email, name, role, password_hash, active, must_change_password, created_at)"
    " VALUES ('rhian@example.org', 'Rhian', 'chair', 'hash', true, false, '2026-01-05 10:00:00+00')",
    "INSERT INTO meetings (kind, title, case_reference, language, scale_min, scale_max, status,"
    " meeting_date, chair_user_id, revision, lobby_open, screen_key, created_at) VALUES ('core_group',"
    " 't', 'c', 'en', 1, 10, 'open', '2026-01-05', 1, 0, false, 'k', '2026-01-05 10:00:00+00')",
    "INSERT INTO participants (meeting_id, user_id, name, role, language, admission, report_provided,"
    " online) VALUES (1, 1, 'Rhian', 'chair', 'en', 'admitted', false, false)",
]


def _upgrade_with_an_account(url: str) -> dict:
    """Upgrade from 0002 with one account chairing one meeting; what is there afterwards."""
    _upgrade_from(url, "0002", _ACCOUNTS)
    return _query(
        url,
        {
            "users": "SELECT id, session_epoch FROM users",
            "meetings": "SELECT chair_user_id FROM meetings",
            "participants": "SELECT user_id FROM participants",
        },
    )


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "postgres_url"])
def test_0003_keeps_the_accounts_and_what_refers_to_them(url_fixture, request):
    # A copy-and-move of `users` would drop the table under the meetings and participants that use it.
    found = _upgrade_with_an_account(request.getfixturevalue(url_fixture))
    assert (found["meetings"], found["participants"]) == ([(1,)], [(1,)])


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "postgres_url"])
def test_0003_starts_existing_accounts_at_epoch_zero(url_fixture, request):
    found = _upgrade_with_an_account(request.getfixturevalue(url_fixture))
    assert found["users"] == [(1, 0)]


def test_0003_downgrades_and_upgrades_again_on_sqlite(sqlite_url):
    _upgrade_with_an_account(sqlite_url)
    migrate.downgrade(sqlite_url, "0002")
    migrate.upgrade(sqlite_url)
    assert _pending_changes(sqlite_url) == []


# --- 0004: behaviours' edited_at, on a database that already holds behaviours answered ----------

_BEHAVIOURS = [
    *_RECORDED[:2],
    "INSERT INTO areas (meeting_id, title, not_good_enough, good_enough, family_words, agreed_wording,"
    " position, visibility, created_at) VALUES (1, 'Home', '', '', '', '', 1, 'everyone',"
    " '2026-01-05 10:00:00+00')",
    "INSERT INTO participants (meeting_id, name, role, language, admission, report_provided, online)"
    " VALUES (1, 'Sian', 'parent', 'en', 'admitted', false, false)",
    "INSERT INTO behaviours (meeting_id, area_id, text, proposed_by_id, status, visibility, who,"
    " progress, created_at) VALUES (1, 1, 'Osian sleeps in his cot', 1, 'agreed', 'everyone', '',"
    " 'not_started', '2026-01-05 10:00:00+00')",
    "INSERT INTO behaviour_answers (behaviour_id, participant_id, answer, recorded_by_chair, answered_at)"
    " VALUES (1, 2, 'agreed', false, '2026-01-05 10:00:00+00')",
]


def _behaviours_and_answers(url: str) -> dict:
    return _query(
        url,
        {
            "behaviours": "SELECT id, text, status FROM behaviours",
            "answers": "SELECT behaviour_id, answer FROM behaviour_answers",
        },
    )


def _upgrade_with_a_behaviour(url: str) -> None:
    """Upgrade from 0003 with one agreed behaviour that a parent has answered."""
    _upgrade_from(url, "0003", _BEHAVIOURS)


_KEPT = {"behaviours": [(1, "Osian sleeps in his cot", "agreed")], "answers": [(1, "agreed")]}


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "postgres_url"])
def test_0004_keeps_the_behaviours_and_the_familys_answers(url_fixture, request):
    # A copy-and-move of `behaviours` would cascade-delete every answer on SQLite (foreign keys on).
    url = request.getfixturevalue(url_fixture)
    _upgrade_with_a_behaviour(url)
    assert _behaviours_and_answers(url) == _KEPT


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "postgres_url"])
def test_0004_leaves_existing_behaviours_unedited(url_fixture, request):
    url = request.getfixturevalue(url_fixture)
    _upgrade_with_a_behaviour(url)
    assert _query(url, {"edited": "SELECT edited_at FROM behaviours"})["edited"] == [(None,)]


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "postgres_url"])
def test_0004_downgrades_keeping_the_behaviours(url_fixture, request):
    url = request.getfixturevalue(url_fixture)
    _upgrade_with_a_behaviour(url)
    migrate.downgrade(url, "0003")
    engine = create_engine(url)
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("behaviours")}
    finally:
        engine.dispose()
    assert ("edited_at" in columns, _behaviours_and_answers(url)) == (False, _KEPT)


def test_0004_downgrades_and_upgrades_again_on_sqlite(sqlite_url):
    _upgrade_with_a_behaviour(sqlite_url)
    migrate.downgrade(sqlite_url, "0003")
    migrate.upgrade(sqlite_url)
    assert _pending_changes(sqlite_url) == []
