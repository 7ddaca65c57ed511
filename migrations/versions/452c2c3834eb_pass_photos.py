"""pass photos: a participant's photo on their gate pass, apart from the participant row

Revision ID: 452c2c3834eb
Revises: 521a1f42f9b3
Create Date: 2026-12-02 20:18:46.418554

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '452c2c3834eb'
down_revision = '521a1f42f9b3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('pass_photos',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_pass_photos_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_pass_photos_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('participant_id', name=op.f('pk_pass_photos'))
    )


def downgrade():
    op.drop_table('pass_photos')
