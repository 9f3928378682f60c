"""area visibility: an area added in a closed session is practitioners-only until shared

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 03:00:00

Areas get ``visibility`` and the ``closed_session_id`` they were added in; scaling rounds get
``visibility`` (a round held on an area before it was shared stays practitioners-only). Existing
areas and rounds were all shown to everyone, so they are ``everyone``.

On SQLite the columns are added in place (``ALTER TABLE ... ADD COLUMN``), not by batch mode's
copy-and-move: that drops the old ``areas`` table, and with foreign keys on (meeting.db turns them
on for every connection) SQLite's implicit ``DELETE`` on ``DROP TABLE`` cascades, deleting every
contribution, behaviour, scaling round and position of every meeting, and every focus.
"""

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FK_NAME = 'fk_areas_closed_session_id_closed_sessions'


def _columns(table: str) -> set[str]:
    return {c['name'] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        # ADD COLUMN may carry a REFERENCES clause when the column's default is NULL. The column may
        # be there already: a downgrade on SQLite leaves it (see below).
        if 'closed_session_id' not in _columns('areas'):
            op.execute(
                'ALTER TABLE areas ADD COLUMN closed_session_id INTEGER '
                f'CONSTRAINT {FK_NAME} REFERENCES closed_sessions (id)'
            )
        op.execute("ALTER TABLE areas ADD COLUMN visibility VARCHAR(16) DEFAULT 'everyone' NOT NULL")
        op.execute("ALTER TABLE scaling_rounds ADD COLUMN visibility VARCHAR(16) DEFAULT 'everyone' NOT NULL")
        return
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('visibility', sa.String(length=16), nullable=False, server_default='everyone')
        )
        batch_op.add_column(sa.Column('closed_session_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f(FK_NAME), 'closed_sessions', ['closed_session_id'], ['id']
        )
    with op.batch_alter_table('scaling_rounds', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('visibility', sa.String(length=16), nullable=False, server_default='everyone')
        )
    # The default filled the existing rows; from now on the application sets the value, as elsewhere.
    for table in ('areas', 'scaling_rounds'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('visibility', server_default=None)


def downgrade() -> None:
    # Going back makes every area and round visible to everyone again, as before 0002.
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite drops a column in place unless a foreign key uses it; closed_session_id could only
        # go with a rebuild of areas, which would cascade as described above: it stays, unused.
        op.execute('ALTER TABLE scaling_rounds DROP COLUMN visibility')
        op.execute('ALTER TABLE areas DROP COLUMN visibility')
        return
    with op.batch_alter_table('scaling_rounds', schema=None) as batch_op:
        batch_op.drop_column('visibility')
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(FK_NAME), type_='foreignkey')
        batch_op.drop_column('closed_session_id')
        batch_op.drop_column('visibility')
