"""participant PPE sizes and a pending import's file and options

Revision ID: d1dba684655b
Revises: 670cb10e09e2
Create Date: 2026-12-03 11:36:56.869902

A participant's protective equipment sizes (helmet, boots, vest), all optional; a pending
import keeps its file and how it was read (sheet, date order), so that its preview can read
it again with the importer's choice.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1dba684655b'
down_revision = '1494d822c5f6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('helmet_size', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('boot_size', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('vest_size', sa.String(length=8), nullable=True))

    with op.batch_alter_table('visit_pending_imports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('options', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('visit_pending_imports', schema=None) as batch_op:
        batch_op.drop_column('options')
        batch_op.drop_column('data')

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('vest_size')
        batch_op.drop_column('boot_size')
        batch_op.drop_column('helmet_size')
