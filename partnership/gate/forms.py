"""The gate's one form: the button that checks a participant in (or out) at an item."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired


class GateForm(FlaskForm):
    item_id = HiddenField(validators=[DataRequired()])
