"""behaviour edited: when a behaviour was last reworded, so devices say "edited" as for contributions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 07:00:00

Behaviours get ``edited_at``, set by edit_behaviour. Existing behaviours were never marked, so they
start with none (NULL): nobody can tell now which of them were changed before this revision.

On SQLite the column is added in place (``ALTER TABLE ... ADD COLUMN``), not by batch mode's
copy-and-move: that drops the old ``behaviours`` table, and with foreign keys on (meeting.db turns
them on for every connection) SQLite's implicit ``DELETE`` on ``DROP TABLE`` cascades, deleting every
family member's answer to every behaviour (see 0002).
"""

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE behaviours ADD COLUMN edited_at DATETIME')
        return
    with op.batch_alter_table('behaviours', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        # No index or foreign key uses the column, so SQLite drops it in place, without a rebuild.
        op.execute('ALTER TABLE behaviours DROP COLUMN edited_at')
        return
    with op.batch_alter_table('behaviours', schema=None) as batch_op:
        batch_op.drop_column('edited_at')
