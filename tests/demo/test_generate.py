"""``flask generate``: synthetic data at scale on top of the demo, that the application itself
would accept (one group per site and slot, a group at one site at a time), and after which the
ordinary pages and forms go on adding rows."""

from collections import Counter

from sqlalchemy import func, select

from partnership.extensions import db
from partnership.partners.models import Organisation, OrganisationKind
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.visits.models import Participant, Visit


def _generate(app, *args):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    return runner.invoke(args=["generate", "--size", "small", *args])


def test_generate_needs_the_demo_first(app):
    result = app.test_cli_runner().invoke(args=["generate", "--size", "small"])
    assert result.exit_code != 0 and "demo load" in result.output


def test_generate_small_adds_the_sizes_rows_in_every_script(app):
    result = _generate(app)
    assert result.exit_code == 0, result.output
    assert "100 organisations" in result.output and "500 visits" in result.output
    assert db.session.scalar(select(func.count(Organisation.id))) == 13 + 100
    assert db.session.scalar(select(func.count(Visit.id))) == 3 + 500
    people = db.session.scalar(select(func.count(Participant.id)))
    assert 5_500 < people < 6_500
    names = " ".join(db.session.scalars(select(Participant.full_name).limit(3000)))
    assert "ʻ" in names and any("\u0400" <= ch <= "\u04ff" for ch in names) and any(ch.isascii() for ch in names)
    # The demo liaisons' universities have their share of visits.
    ugs = db.session.scalar(select(Organisation).where(Organisation.short_name == "UGS"))
    assert sum(1 for visit in db.session.scalars(select(Visit)) if ugs in visit.organisations) > 2


def test_generated_itineraries_keep_the_rules_of_a_real_programme(app):
    assert _generate(app).exit_code == 0
    items = db.session.scalars(select(ItineraryItem)).all()
    assert len(items) > 1000
    per_slot = Counter((item.site_id, item.starts_at) for item in items)
    assert max(per_slot.values()) == 1, "one group per site and slot"
    per_visit = Counter((item.visit_id, item.starts_at) for item in items)
    assert max(per_visit.values()) == 1, "a group is at one site at a time"
    capacity = {item.id: item.site.capacity for item in items}
    attendees = Counter(a.item_id for a in db.session.scalars(select(ItineraryAttendee)))
    assert all(count <= capacity[item_id] for item_id, count in attendees.items())
    assert all(item.site.is_open_on(item.day) for item in items)


def test_new_rows_take_ids_after_the_generated_ones(app):
    assert _generate(app, "--seed", "7").exit_code == 0
    organisation = Organisation(kind=OrganisationKind.university, name="Added after generating", country="UZ")
    db.session.add(organisation)
    db.session.flush()  # on PostgreSQL the sequence was moved past the generated ids
    assert organisation.id > 113
