"""factory_boy factories. They flush, so that a row has its id and the test's
session (which the requests of a test share) sees it, and do not commit: what
they flushed is committed before the test runs and before each request of the
test client (``commit_factory_rows``), and world builders commit once at the
end. A test body that makes rows and then rolls back, or hands them to another
connection, commits them itself."""

import importlib
import pkgutil
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import factory
import sqlalchemy.orm as sa_orm
from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy import event
from werkzeug.security import generate_password_hash

from partnership.accounts.models import User
from partnership.agreements.models import Agreement, AgreementKind, AgreementParty
from partnership.audit import tracking
from partnership.core import clock
from partnership.core.roles import Role
from partnership.extensions import db
from partnership.partners.models import Contact, Organisation, OrganisationKind

PASSWORD = "correct-horse-battery"
UNCOMMITTED = "tests: factory rows not committed yet"


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        db.session.info[UNCOMMITTED] = True
        return obj

    @classmethod
    def _generate(cls, strategy, params):
        # The world a test sets up is nobody's change: it leaves no audit entries, so that
        # tests read only the entries of what they do (tests/audit turns tracking on).
        with tracking.untracked():
            return super()._generate(strategy, params)


@event.listens_for(sa_orm.Session, "after_transaction_end")
def _forget_factory_rows(session, transaction):
    if transaction.parent is None:  # the rows are committed or gone
        session.info.pop(UNCOMMITTED, None)


def commit_factory_rows() -> None:
    """Commit what the factories flushed since the session's transaction began, if
    anything: the state each factory's own commit used to leave."""
    if db.session.info.get(UNCOMMITTED):
        db.session.commit()


class OrganisationFactory(Base):
    class Meta:
        model = Organisation

    kind = OrganisationKind.university
    name = factory.Sequence(lambda n: f"University {n}")
    country = "UZ"
    city = "Tashkent"


class ContactFactory(Base):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    position = "International office"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class UserFactory(Base):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"User {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.coordinator
    active = True

    password_hash = factory.LazyFunction(lambda: generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"))


class AgreementFactory(Base):
    class Meta:
        model = Agreement

    reference = factory.Sequence(lambda n: f"AG-{n:04d}")
    title = factory.Sequence(lambda n: f"Cooperation agreement {n}")
    kind = AgreementKind.cooperation
    signed_on = factory.LazyFunction(lambda: clock.today() - timedelta(days=100))
    effective_on = factory.LazyFunction(lambda: clock.today() - timedelta(days=100))
    expires_on = factory.LazyFunction(lambda: clock.today() + timedelta(days=700))

    @factory.post_generation
    def parties(agreement, create, extracted, **kwargs):
        for position, organisation in enumerate(extracted or []):
            agreement.parties.append(
                AgreementParty(organisation=organisation, position=position, signatory_name=f"Signatory {position + 1}")
            )
        if create and extracted:
            db.session.flush()


def _gate_guide():
    from tests.sites.factories import GuideFactory

    guide = GuideFactory(name="Rustam Xolmatov")
    db.session.flush()
    return guide


def build_world() -> SimpleNamespace:
    org_a = OrganisationFactory(name="University of Geological Sciences", short_name="UGS", country="UZ")
    org_b = OrganisationFactory(name="Mongolian State University", short_name="MSU", country="MN", city="Ulaanbaatar")
    ministry = OrganisationFactory(name="Ministry of Higher Education", kind=OrganisationKind.ministry, country="UZ")
    ContactFactory(organisation=org_a)
    ContactFactory(organisation=org_b)
    users = {
        "admin": UserFactory(username="admin", role=Role.admin),
        "coordinator": UserFactory(username="coordinator", role=Role.coordinator),
        "management": UserFactory(username="management", role=Role.management),
        "liaison_a": UserFactory(username="liaison.a", role=Role.liaison, organisation=org_a),
        "liaison_b": UserFactory(username="liaison.b", role=Role.liaison, organisation=org_b),
        # The gate's world (tests/gate/world.py) gives this guide its site and today's visit.
        "guide": UserFactory(username="guide", role=Role.guide, guide_id=_gate_guide().id),
    }
    agreement_a = AgreementFactory(reference="AG-A", parties=[org_a, ministry])
    agreement_b = AgreementFactory(reference="AG-B", parties=[org_b, ministry])
    world = SimpleNamespace(
        org_a=org_a, org_b=org_b, ministry=ministry, users=users, agreement_a=agreement_a, agreement_b=agreement_b
    )
    for extend in _world_extensions():
        extend(world)
    db.session.commit()
    return world


def _world_extensions():
    """``extend(world)`` of every ``tests/<sub-domain>/world.py``: each adds its own objects."""
    package = Path(__file__).parent
    for module in sorted(pkgutil.iter_modules([str(package)]), key=lambda m: m.name):
        if module.ispkg and (package / module.name / "world.py").exists():
            yield importlib.import_module(f"tests.{module.name}.world").extend
