"""An index for an organisation's agreements in its page's order: open-ended first, latest expiry

The host company, party to every agreement, had its 8,000 sorted on each view of its page.

Revision ID: 3f1c2a9d7e41
Revises: b8090162ff04
Create Date: 2026-12-03 17:05:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "3f1c2a9d7e41"
down_revision = "b8090162ff04"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_agreements_expires_on_desc_reference", [sa.text("expires_on DESC"), "reference"], unique=False
        )


def downgrade():
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_index("ix_agreements_expires_on_desc_reference")
