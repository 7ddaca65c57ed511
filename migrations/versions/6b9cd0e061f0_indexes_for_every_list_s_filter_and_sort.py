"""indexes for every list's filter and sort

Revision ID: 6b9cd0e061f0
Revises: 76179020c76d
Create Date: 2026-12-02 01:26:18.173542

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6b9cd0e061f0'
down_revision = '76179020c76d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index('ix_agreements_expires_on_reference', ['expires_on', 'reference'], unique=False)

    with op.batch_alter_table('itinerary_items', schema=None) as batch_op:
        batch_op.create_index('ix_itinerary_items_site_id_starts_at', ['site_id', 'starts_at'], unique=False)

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index('ix_organisations_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_organisations_kind_name_key', ['kind', 'name_key'], unique=False)

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index('ix_participants_visit_organisation_name', ['visit_id', 'organisation_id', 'name_key'], unique=False)

    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_ends_on'), ['ends_on'], unique=False)
        batch_op.create_index('ix_visits_status_starts_on', ['status', 'starts_on'], unique=False)



def downgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_status_starts_on')
        batch_op.drop_index(batch_op.f('ix_visits_ends_on'))

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('ix_participants_visit_organisation_name')

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index('ix_organisations_kind_name_key')
        batch_op.drop_index('ix_organisations_created_at')

    with op.batch_alter_table('itinerary_items', schema=None) as batch_op:
        batch_op.drop_index('ix_itinerary_items_site_id_starts_at')

    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index('ix_agreements_expires_on_reference')

