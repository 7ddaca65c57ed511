"""Who gets which document, and whose people it holds."""

from partnership.reports.access import Document, Scope, documents_for, scope_for


def test_each_role_reads_whose_people(app, world):
    users = world.users
    assert scope_for(users["admin"]) == Scope(None, True)
    assert scope_for(users["coordinator"]) == Scope(None, True)
    assert scope_for(users["management"]) == Scope(None, False)
    assert scope_for(users["liaison_a"]) == Scope(world.org_a.id, True)


def test_a_scope_keeps_its_organisations_people(app, world):
    scope = Scope(world.org_a.id)
    assert scope.people([world.report_person_a, world.report_person_b]) == [world.report_person_a]
    assert Scope().people([world.report_person_a, world.report_person_b]) == [
        world.report_person_a,
        world.report_person_b,
    ]


def test_management_gets_no_invitation_letters(app, world):
    assert Document.invitations not in documents_for(world.users["management"])
    assert set(documents_for(world.users["liaison_a"])) == set(Document)
    assert set(documents_for(world.users["coordinator"])) == set(Document)
