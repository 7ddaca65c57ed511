"""participants erased_at: when a person's data was erased (the row stays, anonymised)

Revision ID: 76179020c76d
Revises: b93e8d5eac67
Create Date: 2026-12-02 01:01:35.875379

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '76179020c76d'
down_revision = 'b93e8d5eac67'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
