"""The register's rules, at the service level."""

import pytest
from sqlalchemy import select

from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.partners import services
from partnership.partners.models import Contact, Organisation, OrganisationKind
from tests.factories import ContactFactory, OrganisationFactory, UserFactory
from tests.partners.conftest import audit_actions, count, counts

pytestmark = pytest.mark.usefixtures("request_ctx")

UGS = {"name": "University of Geological Sciences", "kind": "university", "country": "UZ", "city": "Tashkent"}


def test_create_stores_stripped_values_folded_keys_and_an_audit_entry(app):
    actor = UserFactory()
    organisation = services.create_organisation(
        actor, **{**UGS, "name": "  Oʻzbekiston Milliy Universiteti ", "short_name": " ", "country": "uz"}
    )
    db.session.commit()
    assert organisation.name == "Oʻzbekiston Milliy Universiteti"
    assert organisation.short_name is None
    assert organisation.country == "UZ"
    assert organisation.kind is OrganisationKind.university
    assert organisation.name_key == "o'zbekiston milliy universiteti"
    assert "tashkent" in organisation.search_text and "tashkent" not in organisation.names_text
    assert audit_actions() == ["organisation.create"]


@pytest.mark.parametrize(
    "name, country",
    [
        ("University of Geological Sciences", "UZ"),
        ("university of geological sciences ", "uz"),
        ("UNIVERSITY  OF GEOLOGICAL SCIENCES", "UZ"),
    ],
)
def test_same_name_in_same_country_is_refused_on_the_name(app, name, country):
    OrganisationFactory(name="University of Geological Sciences", country="UZ")
    with pytest.raises(DomainError) as refused:
        services.create_organisation(None, **{**UGS, "name": name, "country": country})
    assert refused.value.field == "name"
    assert "exists already" in refused.value.message


def test_same_name_in_another_country_is_another_organisation(app):
    OrganisationFactory(name="State University", country="UZ")
    services.create_organisation(None, name="State University", kind="university", country="MN")
    db.session.commit()
    assert count(Organisation) == 2


def test_duplicate_of_an_archived_organisation_says_to_restore_it(app):
    OrganisationFactory(name="Old Institute", country="KZ", archived_at=utcnow())
    with pytest.raises(DomainError, match="restore it") as refused:
        services.create_organisation(None, name="old institute", kind="other", country="KZ")
    assert refused.value.field == "name"


def test_renaming_onto_another_organisation_is_refused_and_changes_nothing(app):
    OrganisationFactory(name="Mongolian State University", country="MN")
    other = OrganisationFactory(name="Mongolian University of Science", country="MN")
    db.session.commit()  # the refusal rolls back
    with pytest.raises(DomainError) as refused:
        services.update_organisation(None, other, name="MONGOLIAN STATE UNIVERSITY", kind="university", country="MN")
    assert refused.value.field == "name"
    db.session.rollback()
    assert db.session.get(Organisation, other.id).name == "Mongolian University of Science"


def test_keeping_ones_own_name_is_no_duplicate(app):
    organisation = OrganisationFactory(name="Osh Technological University", country="KG")
    services.update_organisation(
        None, organisation, name="Osh Technological University", kind="university", country="KG", city="Osh"
    )
    db.session.commit()
    assert organisation.city == "Osh"
    assert audit_actions() == ["organisation.update"]


def test_a_concurrent_duplicate_caught_by_the_constraint_gives_the_same_message(app, monkeypatch):
    """Two requests check at once, both find no duplicate; the second write
    meets the unique constraint, which must end as a message, not a 500, and
    leave the session usable."""
    OrganisationFactory(name="University of Geological Sciences", country="UZ")
    kept = OrganisationFactory(name="Kept Institute", country="UZ")
    db.session.commit()
    monkeypatch.setattr(services, "_check_no_duplicate", lambda *args, **kwargs: None)
    with pytest.raises(DomainError) as refused:
        services.create_organisation(None, **{**UGS, "name": "university of geological sciences"})
    assert refused.value.field == "name"
    assert "exists already" in refused.value.message
    # Only the savepoint was rolled back: the request can go on and commit other work.
    kept.city = "Almalyk"
    db.session.commit()
    assert count(Organisation) == 2
    assert db.session.get(Organisation, kept.id).city == "Almalyk"


def test_a_concurrent_duplicate_on_update_restores_the_organisation(app, monkeypatch):
    OrganisationFactory(name="Alpha University", country="UZ")
    beta = OrganisationFactory(name="Beta University", country="UZ")
    db.session.commit()
    monkeypatch.setattr(services, "_check_no_duplicate", lambda *args, **kwargs: None)
    with pytest.raises(DomainError):
        services.update_organisation(None, beta, name="alpha university", kind="university", country="UZ")
    assert beta.name == "Beta University"  # reloaded from the database after the savepoint's rollback
    db.session.commit()
    assert sorted(db.session.scalars(select(Organisation.name))) == ["Alpha University", "Beta University"]


def test_a_write_inside_the_savepoint_is_undone_by_the_requests_rollback(app):
    """On SQLite a released outermost savepoint would commit; the service opens
    the transaction first, so a request that fails later saves nothing."""
    services.create_organisation(None, **UGS)
    db.session.rollback()
    assert counts() == (0, 0, 0)


def test_other_integrity_errors_are_not_disguised_as_duplicates(app, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    def broken_flush(*args, **kwargs):
        raise IntegrityError("INSERT", {}, Exception("NOT NULL constraint failed: organisations.kind"))

    monkeypatch.setattr(db.session, "flush", broken_flush)
    with pytest.raises(IntegrityError):
        services.create_organisation(None, **UGS)


@pytest.mark.parametrize("country", ["XX", "", None, "UZB", "zz"])
def test_unknown_country_is_refused_on_the_country(app, country):
    with pytest.raises(DomainError) as refused:
        services.create_organisation(None, **{**UGS, "country": country})
    assert refused.value.field == "country"
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    "field, size",
    [("name", 300), ("name_ru", 300), ("name_uz", 300), ("short_name", 50), ("city", 100), ("website", 300)],
)
def test_too_long_text_is_refused_on_its_field(app, field, size):
    value = "https://example.org/" + "x" * size if field == "website" else "Ж" * (size + 1)
    with pytest.raises(DomainError) as refused:
        services.create_organisation(None, **{**UGS, field: value})
    assert refused.value.field == field
    assert str(size) in refused.value.message


def test_text_exactly_at_the_limit_is_kept(app):
    services.create_organisation(None, **{**UGS, "name": "Ж" * 300, "short_name": "Ж" * 50})
    db.session.commit()
    assert count(Organisation) == 1


def test_a_name_that_folds_longer_than_its_key_column_is_refused(app):
    """'ﬀ' (one character) folds to 'ff': 200 of them fit the name but not the folded key."""
    with pytest.raises(DomainError) as refused:
        services.create_organisation(None, **{**UGS, "name": "ﬀ" * 200})
    assert refused.value.field == "name"


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "ftp://example.org", "example.org", "https://", "http://a b"]
)
def test_website_must_be_an_http_address(app, website):
    with pytest.raises(DomainError) as refused:
        services.create_organisation(None, **{**UGS, "website": website})
    assert refused.value.field == "website"


@pytest.mark.parametrize("kind", ["", None, "club"])
def test_unknown_kind_is_refused(app, kind):
    with pytest.raises(DomainError) as refused:
        services.create_organisation(None, **{**UGS, "kind": kind})
    assert refused.value.field == "kind"


def test_blank_name_is_refused(app):
    with pytest.raises(DomainError) as refused:
        services.create_organisation(None, **{**UGS, "name": "   "})
    assert refused.value.field == "name"


def test_archive_and_restore(app):
    organisation = OrganisationFactory()
    services.archive_organisation(None, organisation)
    db.session.commit()
    assert organisation.is_archived
    with pytest.raises(DomainError):
        services.archive_organisation(None, organisation)
    services.restore_organisation(None, organisation)
    db.session.commit()
    assert not organisation.is_archived
    with pytest.raises(DomainError):
        services.restore_organisation(None, organisation)
    assert audit_actions() == ["organisation.archive", "organisation.restore"]


def test_contacts_are_added_edited_and_removed_with_audit(app):
    organisation = OrganisationFactory()
    contact = services.add_contact(
        None, organisation, name=" Лхагва Очир ", position="", email="l@example.mn", phone=None
    )
    db.session.commit()
    assert (contact.name, contact.position) == ("Лхагва Очир", None)
    services.update_contact(None, contact, name="Lkhagva Ochir", position="Dean", email=None, phone="+976 11 123")
    db.session.commit()
    assert (contact.name, contact.position, contact.email) == ("Lkhagva Ochir", "Dean", None)
    services.delete_contact(None, contact)
    db.session.commit()
    assert count(Contact) == 0
    assert organisation.contacts == []
    assert audit_actions() == ["contact.create", "contact.update", "contact.delete"]


def test_contact_rules(app):
    organisation = OrganisationFactory()
    with pytest.raises(DomainError) as refused:
        services.add_contact(None, organisation, name=" ")
    assert refused.value.field == "name"
    with pytest.raises(DomainError) as refused:
        services.add_contact(None, organisation, name="A", phone="1" * 51)
    assert refused.value.field == "phone"
    assert count(Contact) == 0


def test_deleting_one_contact_leaves_the_others(app):
    organisation = OrganisationFactory()
    first, second = ContactFactory(organisation=organisation), ContactFactory(organisation=organisation)
    services.delete_contact(None, first)
    db.session.commit()
    assert [c.id for c in organisation.contacts] == [second.id]


def test_unknown_fields_are_a_programming_error(app):
    with pytest.raises(TypeError):
        services.create_organisation(None, **UGS, colour="red")
