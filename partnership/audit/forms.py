"""The audit page's filters, read from the query string (a GET form: no token)."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, IntegerField, SelectField
from wtforms.validators import NumberRange, Optional, ValidationError

DATABASE_INT_MAX = 2**31 - 1


class AuditFilterForm(Form):
    actor = SelectField(_l("Who"), default="")
    action = SelectField(_l("Action"), default="")
    target_type = SelectField(_l("Kind of record"), default="")
    target_id = IntegerField(_l("Record number"), validators=[Optional(), NumberRange(min=1, max=DATABASE_INT_MAX)])
    date_from = DateField(_l("From (UTC)"), validators=[Optional()])
    date_to = DateField(_l("To (UTC)"), validators=[Optional()])

    def __init__(self, formdata, *, actors=(), actions=(), target_types=(), **kwargs):
        super().__init__(formdata, **kwargs)
        self.actor.choices = [("", _l("Anyone")), *((str(id_), name) for id_, name in actors)]
        self.action.choices = [("", _l("Any action")), *((action, action) for action in actions)]
        self.target_type.choices = [("", _l("Any kind")), *((kind, kind) for kind in target_types)]

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The period ends before it starts."))

    def filters(self) -> dict:
        """The filters of the fields that are valid; a field with an error filters nothing."""

        def valid(field):
            return field.data if not field.errors and field.data not in (None, "") else None

        actor = valid(self.actor)
        return {
            "actor_id": int(actor) if actor and actor.isdigit() else None,
            "action": valid(self.action),
            "target_type": valid(self.target_type),
            "target_id": valid(self.target_id),
            "date_from": valid(self.date_from),
            "date_to": valid(self.date_to),
        }
