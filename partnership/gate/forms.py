"""The gate's forms: the button that checks a participant in (or out) at an item, and the photo
on a participant's pass."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SubmitField
from wtforms.validators import DataRequired


class GateForm(FlaskForm):
    item_id = HiddenField(validators=[DataRequired()])


class PassPhotoForm(FlaskForm):
    photo = FileField(_l("Photo (JPEG or PNG)"), validators=[FileRequired(message=_l("Choose a photo."))])
    submit = SubmitField(_l("Save photo"))
