"""Rules the services keep whatever calls them: references, parties, the parent framework, file names."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from partnership.agreements import queries, services
from partnership.agreements.models import Agreement, AgreementKind
from partnership.core.errors import DomainError
from partnership.extensions import db
from tests.factories import AgreementFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


@pytest.fixture
def org(app):
    return OrganisationFactory()


def fields(**overrides):
    return {
        "reference": "NEW-1",
        "title": "New",
        "kind": AgreementKind.cooperation,
        "objectives": None,
        "parent_id": None,
        "signed_on": None,
        "effective_on": None,
        "expires_on": None,
        **overrides,
    }


def create(org, today, parties=None, **overrides):
    parties = [{"organisation_id": org.id}] if parties is None else parties
    return services.create_agreement(None, today=today, parties=parties, **fields(**overrides))


def refusal(callable_, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        callable_(*args, **kwargs)
    db.session.rollback()
    return caught.value


def test_reference_is_unique_ignoring_case_and_spaces(org, today):
    create(org, today, reference="UZ-MN/2025")
    error = refusal(create, org, today, reference="  uz-mn/2025 ")
    assert error.field == "reference"


def test_two_requests_racing_for_one_reference_end_in_a_message(org, today, monkeypatch):
    create(org, today, reference="RACE")
    db.session.commit()
    monkeypatch.setattr(queries, "reference_taken", lambda *args: False)  # the other request checked first
    error = refusal(create, org, today, reference="race")
    assert error.field == "reference"
    assert db.session.scalar(select(func.count(Agreement.id))) == 1


def test_parties_are_required_distinct_and_real(org, today):
    assert refusal(create, org, today, parties=[]).field == "parties"
    assert refusal(create, org, today, parties=[{"organisation_id": org.id}] * 2).field == "parties"
    assert refusal(create, org, today, parties=[{"organisation_id": 999999}]).field == "parties"


def test_expiry_before_effective_date(org, today):
    error = refusal(create, org, today, effective_on=today, expires_on=today - timedelta(days=1))
    assert error.field == "expires_on"


def test_the_parent_must_be_a_framework_and_not_below_the_agreement(org, today):
    not_framework = AgreementFactory(kind=AgreementKind.mou, parties=[org])
    db.session.commit()  # the refusals roll back
    assert refusal(create, org, today, parent_id=not_framework.id).field == "parent_id"
    assert refusal(create, org, today, parent_id=999999).field == "parent_id"
    top = AgreementFactory(reference="TOP", kind=AgreementKind.framework, parties=[org])
    below = AgreementFactory(reference="BELOW", kind=AgreementKind.framework, parent=top, parties=[org])
    db.session.commit()
    parties = [{"organisation_id": org.id}]
    for parent in (top, below):  # itself, and one under it: a loop
        error = refusal(
            services.update_agreement,
            None,
            top,
            parties=parties,
            **fields(reference="TOP", kind=AgreementKind.framework, parent_id=parent.id),
        )
        assert error.field == "parent_id"
    assert db.session.get(Agreement, top.id).parent_id is None


def test_descendants_are_found_at_any_depth(org):
    top = AgreementFactory(kind=AgreementKind.framework, parties=[org])
    middle = AgreementFactory(kind=AgreementKind.framework, parent=top, parties=[org])
    low = AgreementFactory(parent=middle, parties=[org])
    AgreementFactory(parties=[org])
    assert queries.descendant_ids(top) == {middle.id, low.id}
    assert queries.descendant_ids(low) == set()


def test_editing_replaces_parties_in_the_given_order(org, today):
    other, third = OrganisationFactory(), OrganisationFactory()
    agreement = create(
        org, today, parties=[{"organisation_id": org.id, "signatory_name": "A"}, {"organisation_id": other.id}]
    )
    services.update_agreement(
        None,
        agreement,
        parties=[{"organisation_id": third.id}, {"organisation_id": org.id, "signatory_name": "A2"}],
        **fields(),
    )
    db.session.commit()
    db.session.expire_all()
    assert [(p.organisation_id, p.signatory_name, p.position) for p in agreement.parties] == [
        (third.id, None, 0),
        (org.id, "A2", 1),
    ]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("scan.pdf", "scan.pdf"),
        ("C:\\Scans\\Меморандум.PDF", "Меморандум.PDF"),
        ("../../etc/passwd", "passwd.pdf"),
        ('bad"name\r\n.pdf', "badname.pdf"),
        ("", "scan.pdf"),
        ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(given, kept):
    assert services.clean_filename(given) == kept


def test_the_service_itself_refuses_what_is_not_a_pdf(org, today):
    agreement = AgreementFactory(parties=[org])
    assert refusal(services.add_attachment, None, agreement, filename="a.pdf", content=b"<html>").field == "file"
