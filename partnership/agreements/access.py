"""Who sees and keeps agreements: staff keep them, management reads them all,
a liaison reads those their organisation is party to."""

from flask import abort
from sqlalchemy import exists, false, select, true

from partnership.agreements import queries
from partnership.agreements.models import Agreement, AgreementParty, Attachment
from partnership.core.roles import Role, is_staff
from partnership.extensions import db


def can_view(user, agreement: Agreement) -> bool:
    if user.role is Role.liaison:
        return any(party.organisation_id == user.organisation_id for party in agreement.parties)
    return True


def can_edit(user) -> bool:
    return is_staff(user)


def visible_filter(user):
    """SQL condition for agreements ``user`` may see."""
    if user.role is Role.liaison:
        if not user.organisation_id:
            return false()
        return exists(
            select(AgreementParty.id).where(
                AgreementParty.agreement_id == Agreement.id,
                AgreementParty.organisation_id == user.organisation_id,
            )
        )
    return true()


def get_visible_or_404(user, agreement_id: int) -> Agreement:
    agreement = db.session.get(Agreement, agreement_id)
    if agreement is None or not can_view(user, agreement):
        abort(404)
    return agreement


def get_detail_or_404(user, agreement_id: int) -> Agreement:
    """Like ``get_visible_or_404``, with what the detail page shows loaded up front."""
    agreement = queries.load_detail(agreement_id)
    if agreement is None or not can_view(user, agreement):
        abort(404)
    return agreement


def get_attachment_or_404(user, agreement: Agreement, attachment_id: int) -> Attachment:
    """The agreement's attachment; the agreement itself must already be checked visible to ``user``."""
    if not can_view(user, agreement):
        abort(404)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.agreement_id != agreement.id:
        abort(404)
    return attachment
