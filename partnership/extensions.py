"""Extension objects, created unbound; ``create_app`` binds them to an app."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from partnership.db import Model

db = SQLAlchemy(model_class=Model)
if TYPE_CHECKING:
    # The models' base class. Type checkers cannot take a base class from an instance's
    # attribute (python/mypy#8603), so to them it is our declarative base, which
    # db.Model subclasses with Flask-SQLAlchemy's bind and table-name mixins.
    BaseModel = Model
else:
    BaseModel = db.Model
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()
