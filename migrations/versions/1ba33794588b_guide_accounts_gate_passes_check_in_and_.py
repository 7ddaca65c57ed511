"""guide accounts, gate passes, check-in and check-out

Revision ID: 1ba33794588b
Revises: 6b9cd0e061f0
Create Date: 2026-12-02 00:57:58.575352

A guide account is bound to a guide (users.guide_id, with its check constraint); every
participant gets the random token its badge's QR code carries (existing rows get one here);
an itinerary attendee records when the gate checked them in and out.
"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1ba33794588b'
down_revision = '6b9cd0e061f0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('itinerary_attendees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('checked_out_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('checked_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_itinerary_attendees_checked_by_id_users'), 'users', ['checked_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pass_token', sa.String(length=43), nullable=True))
    participants = sa.table('participants', sa.column('id', sa.Integer()), sa.column('pass_token', sa.String()))
    connection = op.get_bind()
    for (participant_id,) in connection.execute(sa.select(participants.c.id)).all():
        connection.execute(
            participants.update()
            .where(participants.c.id == participant_id)
            .values(pass_token=secrets.token_urlsafe(24))
        )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.alter_column('pass_token', existing_type=sa.String(length=43), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_participants_pass_token'), ['pass_token'])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('guide_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_guide_id'), ['guide_id'])
        batch_op.create_foreign_key(batch_op.f('fk_users_guide_id_guides'), 'guides', ['guide_id'], ['id'])
        batch_op.create_check_constraint(
            batch_op.f('ck_users_guide_has_guide'), "(role = 'guide') = (guide_id IS NOT NULL)"
        )


def downgrade():
    op.execute("DELETE FROM users WHERE role = 'guide'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_users_guide_has_guide'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_users_guide_id_guides'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_users_guide_id'), type_='unique')
        batch_op.drop_column('guide_id')

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_participants_pass_token'), type_='unique')
        batch_op.drop_column('pass_token')

    with op.batch_alter_table('itinerary_attendees', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_itinerary_attendees_checked_by_id_users'), type_='foreignkey')
        batch_op.drop_column('checked_by_id')
        batch_op.drop_column('checked_out_at')
        batch_op.drop_column('checked_in_at')

