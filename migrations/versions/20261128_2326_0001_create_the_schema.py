"""create the schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 23:26:56.049635
"""

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('purge_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('case_reference', sa.String(length=64), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('purged_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retention_years', sa.Integer(), nullable=False),
    sa.Column('purged_by', sa.String(length=120), nullable=False),
    sa.Column('row_counts', sa.JSON(), nullable=False),
    sa.Column('audit_entries', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purge_records'))
    )
    with op.batch_alter_table('purge_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purge_records_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('agency', sa.String(length=120), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('case_reference', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('scale_min', sa.Integer(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('strategy_discussion_date', sa.Date(), nullable=True),
    sa.Column('previous_meeting_id', sa.Integer(), nullable=True),
    sa.Column('chair_user_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('lobby_open', sa.Boolean(), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=True),
    sa.Column('screen_key', sa.String(length=64), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=True),
    sa.Column('undo_focus_area_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['chair_user_id'], ['users.id'], name=op.f('fk_meetings_chair_user_id_users')),
    sa.ForeignKeyConstraint(['previous_meeting_id'], ['meetings.id'], name=op.f('fk_meetings_previous_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('join_code', name=op.f('uq_meetings_join_code')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_case_reference'), ['case_reference'], unique=False)

    op.create_table('areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('not_good_enough', sa.Text(), nullable=False),
    sa.Column('good_enough', sa.Text(), nullable=False),
    sa.Column('family_words', sa.Text(), nullable=False),
    sa.Column('agreed_wording', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.Column('baseline_value', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['carried_from_id'], ['areas.id'], name=op.f('fk_areas_carried_from_id_areas')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_areas_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_areas'))
    )
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_areas_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('children',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('age_years', sa.Integer(), nullable=True),
    sa.Column('age_months', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_children_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_children'))
    )
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_children_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('closed_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_closed_sessions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_closed_sessions'))
    )
    with op.batch_alter_table('closed_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_closed_sessions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('agency', sa.String(length=120), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('admission', sa.String(length=16), nullable=False),
    sa.Column('attendance', sa.String(length=16), nullable=True),
    sa.Column('report_provided', sa.Boolean(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('admitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('left_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_participants_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_participants_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_participants_token_hash'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('summary_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('corrections', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_user_id'], ['users.id'], name=op.f('fk_summary_versions_approved_by_user_id_users')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_summary_versions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summary_versions')),
    sa.UniqueConstraint('meeting_id', 'number', name=op.f('uq_summary_versions_meeting_id_number'))
    )
    with op.batch_alter_table('summary_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_summary_versions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('area_children',
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_area_children_area_id_areas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_area_children_child_id_children'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('area_id', 'child_id', name=op.f('pk_area_children'))
    )
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('command_id', sa.String(length=64), nullable=False),
    sa.Column('command', sa.String(length=64), nullable=False),
    sa.Column('actor_participant_id', sa.Integer(), nullable=True),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=120), nullable=False),
    sa.Column('actor_role', sa.String(length=32), nullable=False),
    sa.Column('device', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_participant_id'], ['participants.id'], name=op.f('fk_audit_entries_actor_participant_id_participants')),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_audit_entries_actor_user_id_users')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_audit_entries_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries')),
    sa.UniqueConstraint('meeting_id', 'command_id', name=op.f('uq_audit_entries_meeting_id_command_id')),
    sa.UniqueConstraint('meeting_id', 'revision', name=op.f('uq_audit_entries_meeting_id_revision'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('behaviours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('visibility', sa.String(length=16), nullable=False),
    sa.Column('closed_session_id', sa.Integer(), nullable=True),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('by_when', sa.Date(), nullable=True),
    sa.Column('progress', sa.String(length=16), nullable=False),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_behaviours_area_id_areas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['carried_from_id'], ['behaviours.id'], name=op.f('fk_behaviours_carried_from_id_behaviours')),
    sa.ForeignKeyConstraint(['closed_session_id'], ['closed_sessions.id'], name=op.f('fk_behaviours_closed_session_id_closed_sessions')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_behaviours_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['participants.id'], name=op.f('fk_behaviours_proposed_by_id_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_behaviours'))
    )
    with op.batch_alter_table('behaviours', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_behaviours_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_behaviours_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('contributions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('visibility', sa.String(length=16), nullable=False),
    sa.Column('closed_session_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_chair', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_contributions_area_id_areas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['closed_session_id'], ['closed_sessions.id'], name=op.f('fk_contributions_closed_session_id_closed_sessions')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_contributions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_contributions_participant_id_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contributions'))
    )
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contributions_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('registration_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('dissent', sa.Text(), nullable=False),
    sa.Column('family_view', sa.Text(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_registration_decisions_child_id_children'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_registration_decisions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_decisions')),
    sa.UniqueConstraint('child_id', name=op.f('uq_registration_decisions_child_id'))
    )
    with op.batch_alter_table('registration_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_decisions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('registration_views',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('view', sa.String(length=16), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('closed_session_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_chair', sa.Boolean(), nullable=False),
    sa.Column('given_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_registration_views_child_id_children'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['closed_session_id'], ['closed_sessions.id'], name=op.f('fk_registration_views_closed_session_id_closed_sessions')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_registration_views_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_registration_views_participant_id_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_views')),
    sa.UniqueConstraint('child_id', 'participant_id', name=op.f('uq_registration_views_child_id_participant_id'))
    )
    with op.batch_alter_table('registration_views', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_views_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('scaling_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('agreed_value', sa.Integer(), nullable=True),
    sa.Column('agreed_rationale', sa.Text(), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revealed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('agreed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_scaling_rounds_area_id_areas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_scaling_rounds_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scaling_rounds'))
    )
    with op.batch_alter_table('scaling_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scaling_rounds_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scaling_rounds_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('behaviour_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('behaviour_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=16), nullable=False),
    sa.Column('recorded_by_chair', sa.Boolean(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['behaviour_id'], ['behaviours.id'], name=op.f('fk_behaviour_answers_behaviour_id_behaviours'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_behaviour_answers_participant_id_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_behaviour_answers')),
    sa.UniqueConstraint('behaviour_id', 'participant_id', name=op.f('uq_behaviour_answers_behaviour_id_participant_id'))
    )
    op.create_table('scale_positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('recorded_by_chair', sa.Boolean(), nullable=False),
    sa.Column('closed_session_id', sa.Integer(), nullable=True),
    sa.Column('placed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['closed_session_id'], ['closed_sessions.id'], name=op.f('fk_scale_positions_closed_session_id_closed_sessions')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_scale_positions_participant_id_participants')),
    sa.ForeignKeyConstraint(['round_id'], ['scaling_rounds.id'], name=op.f('fk_scale_positions_round_id_scaling_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scale_positions')),
    sa.UniqueConstraint('round_id', 'participant_id', name=op.f('uq_scale_positions_round_id_participant_id'))
    )

    # meetings and areas refer to each other: the focus FKs are added once both tables exist.
    # (SQLite rebuilds the table for this; table_kwargs keeps its AUTOINCREMENT.)
    with op.batch_alter_table('meetings', schema=None, table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.create_foreign_key(op.f('fk_meetings_focus_area_id_areas'), 'areas', ['focus_area_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(op.f('fk_meetings_undo_focus_area_id_areas'), 'areas', ['undo_focus_area_id'], ['id'], ondelete='SET NULL')
    _audit_append_only()


def _audit_append_only() -> None:
    """The database itself refuses to change an audit entry, whatever code path tries.

    An audit entry is never updated. It is deleted only by a retention purge, which first writes a
    purge record for the (closed) meeting: the delete trigger lets entries of a meeting go only
    while such a record exists, so none can vanish without a trace. Purge records themselves are
    never updated or deleted.
    """
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
            f"WHEN NOT ({_PURGE_RECORDED}) "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only a recorded retention purge "
            "removes entries'); END"
        )
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER purge_records_no_{action.lower()} BEFORE {action} ON purge_records "
                "BEGIN SELECT RAISE(ABORT, 'purge records are permanent'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_entries_refuse_update() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_update()"
        )
        op.execute(
            "CREATE FUNCTION audit_entries_refuse_delete() RETURNS trigger AS $$ BEGIN "
            f"IF NOT ({_PURGE_RECORDED.replace(' IS p.closed_at', ' IS NOT DISTINCT FROM p.closed_at')}) THEN "
            "RAISE EXCEPTION 'the audit log is append-only: only a recorded retention purge removes entries'; "
            "END IF; RETURN OLD; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_delete()"
        )
        op.execute(
            "CREATE FUNCTION purge_records_refuse_change() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'purge records are permanent'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER purge_records_no_change BEFORE UPDATE OR DELETE ON purge_records "
            "FOR EACH ROW EXECUTE FUNCTION purge_records_refuse_change()"
        )


# A purge record names this entry's meeting, and that meeting is closed at the time recorded.
_PURGE_RECORDED = (
    "EXISTS (SELECT 1 FROM purge_records p JOIN meetings m ON m.id = p.meeting_id "
    "WHERE p.meeting_id = OLD.meeting_id AND m.status = 'closed' AND m.closed_at IS p.closed_at)"
)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS purge_records_no_change ON purge_records")
        op.execute("DROP FUNCTION IF EXISTS purge_records_refuse_change()")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_refuse_delete()")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_refuse_update()")
    else:
        for trigger in ("purge_records_no_delete", "purge_records_no_update", "audit_entries_no_delete",
                        "audit_entries_no_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_meetings_undo_focus_area_id_areas'), type_='foreignkey')
        batch_op.drop_constraint(op.f('fk_meetings_focus_area_id_areas'), type_='foreignkey')
    op.drop_table('scale_positions')
    op.drop_table('behaviour_answers')
    with op.batch_alter_table('scaling_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scaling_rounds_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_scaling_rounds_area_id'))

    op.drop_table('scaling_rounds')
    with op.batch_alter_table('registration_views', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_views_meeting_id'))

    op.drop_table('registration_views')
    with op.batch_alter_table('registration_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_decisions_meeting_id'))

    op.drop_table('registration_decisions')
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contributions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_contributions_area_id'))

    op.drop_table('contributions')
    with op.batch_alter_table('behaviours', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_behaviours_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_behaviours_area_id'))

    op.drop_table('behaviours')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_meeting_id'))

    op.drop_table('audit_entries')
    op.drop_table('area_children')
    with op.batch_alter_table('summary_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_summary_versions_meeting_id'))

    op.drop_table('summary_versions')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_meeting_id'))

    op.drop_table('participants')
    with op.batch_alter_table('closed_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_closed_sessions_meeting_id'))

    op.drop_table('closed_sessions')
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_children_meeting_id'))

    op.drop_table('children')
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_areas_meeting_id'))

    op.drop_table('areas')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_case_reference'))

    op.drop_table('meetings')
    op.drop_table('users')
    with op.batch_alter_table('purge_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purge_records_meeting_id'))

    op.drop_table('purge_records')
