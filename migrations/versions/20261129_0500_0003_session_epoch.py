"""session epoch: signing out ends every copy of the account's sessions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 05:00:00

Users get ``session_epoch``, a count raised by signing out; the session cookie must carry the
current value (see meeting.identity). Existing accounts start at 0. Cookies issued before this
revision carry no epoch, so everyone signs in once more after the upgrade.

On SQLite the column is added in place (``ALTER TABLE ... ADD COLUMN``), not by batch mode's
copy-and-move: that drops the old ``users`` table, which meetings, participants, summary versions
and audit entries refer to; with foreign keys on (meeting.db turns them on for every connection)
the implicit ``DELETE`` of ``DROP TABLE`` would fail or cascade (see 0002).
"""

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE users ADD COLUMN session_epoch INTEGER DEFAULT 0 NOT NULL')
        return
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), nullable=False, server_default='0'))
    # The default filled the existing rows; from now on the application sets the value, as elsewhere.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_epoch', server_default=None)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        # No foreign key uses the column, so SQLite drops it in place, without a rebuild.
        op.execute('ALTER TABLE users DROP COLUMN session_epoch')
        return
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')
