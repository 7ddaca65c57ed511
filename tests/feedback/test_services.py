"""Feedback rules: links (hashed, expiring, single use), what may be rated, consents, approval."""

import hashlib
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.feedback import queries, services
from partnership.feedback.models import FeedbackInvitation, FeedbackResponse
from partnership.visits.models import ParticipantRole, VisitStatus
from tests.feedback.factories import ItineraryItemFactory, link_for
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory

pytestmark = pytest.mark.usefixtures("in_request")


@pytest.fixture
def visit(world):
    return VisitFactory(
        title="Almalyk excursion",
        organisations=[world.org_a, world.org_b],
        status=VisitStatus.completed,
        starts_on=date(2025, 6, 24),
        ends_on=date(2025, 6, 25),
    )


@pytest.fixture
def person(world, visit):
    return ParticipantFactory(visit=visit, organisation=world.org_b, full_name="Лхагва Очир Энхжин")


def answer(participant, ratings=None, words="Very pleased.", consent_words=True, consent_name=False, now=None):
    invitation = services.find_open_invitation(link_for(participant), now=now)
    response = services.submit_response(
        invitation,
        ratings=ratings or {},
        words=words,
        consent_publish_words=consent_words,
        consent_publish_name=consent_name,
        now=now,
    )
    db.session.commit()
    return response


# --- links ---------------------------------------------------------------------------------------


def test_links_open_only_once_the_visit_is_completed(world):
    visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.confirmed)
    ParticipantFactory(visit=visit, organisation=world.org_a)
    with pytest.raises(DomainError, match="completed"):
        services.issue_links(visit, world.users["coordinator"])
    with pytest.raises(DomainError):
        services.open_feedback(visit, world.users["coordinator"])
    assert db.session.scalars(select(FeedbackInvitation).filter_by(participant_id=visit.participants[0].id)).all() == []


def test_issue_links_gives_each_participant_a_token_and_stores_only_its_hash(world, visit, person):
    other = ParticipantFactory(visit=visit, organisation=world.org_a)
    tokens = services.issue_links(visit, world.users["coordinator"])
    db.session.commit()
    assert set(tokens) == {person.id, other.id}
    assert len(set(tokens.values())) == 2 and all(len(t) >= 40 for t in tokens.values())
    invitation = db.session.scalar(select(FeedbackInvitation).filter_by(participant_id=person.id))
    assert invitation.token_hash == hashlib.sha256(tokens[person.id].encode()).hexdigest()
    # The raw token is nowhere in the table.
    dump = " ".join(
        str(value) for row in db.session.execute(sa.text("SELECT * FROM feedback_invitations")) for value in row
    )
    assert all(token not in dump for token in tokens.values())


def test_issue_links_again_leaves_existing_links_alone(world, visit, person):
    first = services.issue_links(visit, None)
    assert services.issue_links(visit, None) == {}
    assert services.find_open_invitation(first[person.id]) is not None


def test_completion_opens_invitations_without_links_and_issuing_fills_them(world, visit, person):
    created = services.open_feedback(visit, world.users["coordinator"])
    db.session.commit()
    assert [i.participant_id for i in created] == [person.id]
    assert created[0].token_hash is None and not created[0].is_open(utcnow())
    assert services.open_feedback(visit, None) == []
    tokens = services.issue_links(visit, world.users["coordinator"])
    assert services.find_open_invitation(tokens[person.id]).participant_id == person.id


def test_a_link_expires(app, world, visit, person, monkeypatch):
    monkeypatch.setitem(app.config, "FEEDBACK_LINK_DAYS", 10)
    issued = utcnow()
    token = link_for(person, now=issued)
    assert services.find_open_invitation(token, now=issued + timedelta(days=9)) is not None
    assert services.find_open_invitation(token, now=issued + timedelta(days=10, seconds=1)) is None


def test_unknown_or_malformed_tokens_find_nothing(world, visit, person):
    link_for(person)
    for token in ("", "x", "a" * 43, "a" * 5000):
        assert services.find_open_invitation(token) is None


def test_reissuing_a_link_retires_the_old_one(world, visit, person):
    old = link_for(person)
    invitation = services.find_open_invitation(old)
    new = services.reissue_link(invitation, world.users["coordinator"])
    db.session.commit()
    assert services.find_open_invitation(old) is None
    assert services.find_open_invitation(new) is invitation


def test_no_new_link_after_an_answer(world, visit, person):
    answer(person)
    invitation = db.session.scalar(select(FeedbackInvitation).filter_by(participant_id=person.id))
    with pytest.raises(DomainError, match="already answered"):
        services.reissue_link(invitation, world.users["coordinator"])


# --- what may be rated ---------------------------------------------------------------------------


def test_sites_to_rate_are_the_attended_ones_in_the_order_visited(world, visit, person):
    mine, museum, school, plant = (
        SiteFactory(name=n) for n in ("Open pit", "History museum", "Engineering school", "Copper plant")
    )
    late = visit.starts_on
    from datetime import datetime, time

    ItineraryItemFactory(
        visit=visit, site=museum, starts_at=datetime.combine(late, time(14)), attendees=[(person, True)]
    )
    ItineraryItemFactory(visit=visit, site=mine, starts_at=datetime.combine(late, time(9)), attendees=[(person, True)])
    # The same site twice counts once.
    ItineraryItemFactory(visit=visit, site=mine, starts_at=datetime.combine(late, time(16)), attendees=[(person, True)])
    # Attendance not recorded: not known to have been carried out, so not rated.
    ItineraryItemFactory(visit=visit, site=plant, starts_at=datetime.combine(late, time(15)), attendees=[person])
    # Recorded as absent: not rated.
    ItineraryItemFactory(
        visit=visit, site=school, starts_at=datetime.combine(late, time(11)), attendees=[(person, False)]
    )
    # Not among the attendees: not rated.
    ItineraryItemFactory(visit=visit, site=plant, attendees=[ParticipantFactory(visit=visit, organisation=world.org_a)])
    # Another visit at a site: not this participant's.
    ItineraryItemFactory(visit=VisitFactory(organisations=[world.org_b]), site=plant, attendees=[])
    assert [s.name for s in queries.sites_to_rate(person)] == ["Open pit", "History museum"]


def test_only_attended_sites_may_be_rated(world, visit, person):
    attended, missed = SiteFactory(), SiteFactory()
    ItineraryItemFactory(visit=visit, site=attended, attendees=[(person, True)])
    ItineraryItemFactory(visit=visit, site=missed, attendees=[(person, False)])
    invitation = services.find_open_invitation(link_for(person))
    with pytest.raises(DomainError, match="attended"):
        services.submit_response(
            invitation,
            ratings={attended.id: 5, missed.id: 1},
            words=None,
            consent_publish_words=False,
            consent_publish_name=False,
        )
    db.session.rollback()
    assert db.session.scalars(select(FeedbackResponse).filter_by(participant_id=person.id)).all() == []
    assert services.find_open_invitation(link_for(person)) is not None


@pytest.mark.parametrize("value", [0, 6, -1])
def test_a_rating_is_one_to_five(world, visit, person, value):
    site = SiteFactory()
    ItineraryItemFactory(visit=visit, site=site, attendees=[(person, True)])
    invitation = services.find_open_invitation(link_for(person))
    with pytest.raises(DomainError, match="1 to 5"):
        services.submit_response(
            invitation, ratings={site.id: value}, words="ok", consent_publish_words=False, consent_publish_name=False
        )


def test_an_empty_answer_is_refused(world, visit, person):
    site = SiteFactory()
    ItineraryItemFactory(visit=visit, site=site, attendees=[(person, True)])
    invitation = services.find_open_invitation(link_for(person))
    with pytest.raises(DomainError) as refused:
        services.submit_response(
            invitation, ratings={site.id: None}, words="   ", consent_publish_words=True, consent_publish_name=True
        )
    assert refused.value.field == "words"


def test_overlong_words_are_refused(world, visit, person):
    invitation = services.find_open_invitation(link_for(person))
    with pytest.raises(DomainError) as refused:
        services.submit_response(
            invitation,
            ratings={},
            words="x" * (services.MAX_WORDS + 1),
            consent_publish_words=False,
            consent_publish_name=False,
        )
    assert refused.value.field == "words"


# --- answering -----------------------------------------------------------------------------------


def test_an_answer_keeps_ratings_words_and_both_consents_and_uses_the_link(world, visit, person):
    site = SiteFactory()
    ItineraryItemFactory(visit=visit, site=site, attendees=[(person, True)])
    token = link_for(person)
    response = services.submit_response(
        services.find_open_invitation(token),
        ratings={site.id: 4},
        words="  Очень понравилось.  ",
        consent_publish_words=True,
        consent_publish_name=False,
    )
    db.session.commit()
    assert (response.words, response.consent_publish_words, response.consent_publish_name) == (
        "Очень понравилось.",
        True,
        False,
    )
    assert [(r.site_id, r.rating) for r in response.ratings] == [(site.id, 4)]
    assert response.approved_at is None
    assert services.find_open_invitation(token) is None


def test_a_used_link_cannot_answer_again(world, visit, person):
    token = link_for(person)
    invitation = services.find_open_invitation(token)
    services.submit_response(
        invitation, ratings={}, words="first", consent_publish_words=False, consent_publish_name=False
    )
    db.session.commit()
    with pytest.raises(DomainError, match="already been used"):
        services.submit_response(
            invitation, ratings={}, words="second", consent_publish_words=False, consent_publish_name=False
        )
    db.session.rollback()
    assert [r.words for r in db.session.scalars(select(FeedbackResponse).filter_by(participant_id=person.id))] == [
        "first"
    ]


def test_an_expired_link_cannot_answer_even_if_loaded_before(world, visit, person):
    invitation = services.find_open_invitation(link_for(person))
    with pytest.raises(DomainError, match="expired"):
        services.submit_response(
            invitation,
            ratings={},
            words="late",
            consent_publish_words=False,
            consent_publish_name=False,
            now=invitation.expires_at + timedelta(seconds=1),
        )


def test_a_link_reissued_meanwhile_cannot_answer(world, visit, person):
    invitation = services.find_open_invitation(link_for(person))
    # Another request gives the participant a new link after this one loaded the invitation.
    db.session.execute(
        sa.update(FeedbackInvitation)
        .where(FeedbackInvitation.id == invitation.id)
        .values(token_hash="0" * 64)
        .execution_options(synchronize_session=False)
    )
    with pytest.raises(DomainError, match="already been used"):
        services.submit_response(
            invitation, ratings={}, words="x", consent_publish_words=False, consent_publish_name=False
        )


# --- approval and what reports publish ------------------------------------------------------------


def test_approval_needs_words_and_consent_to_publish_them(world, visit, person):
    coordinator = world.users["coordinator"]
    without_consent = answer(person, consent_words=False)
    with pytest.raises(DomainError, match="allowed"):
        services.approve_quote(without_consent, coordinator)
    assert without_consent.approved_at is None


def test_approval_of_ratings_without_words_is_refused(world, visit, person):
    site = SiteFactory()
    ItineraryItemFactory(visit=visit, site=site, attendees=[(person, True)])
    response = answer(person, ratings={site.id: 5}, words=None, consent_words=True)
    with pytest.raises(DomainError):
        services.approve_quote(response, world.users["coordinator"])


def test_approve_and_withdraw(world, visit, person):
    coordinator = world.users["coordinator"]
    response = answer(person)
    services.approve_quote(response, coordinator)
    db.session.commit()
    assert response.is_approved and response.approved_by_id == coordinator.id
    assert db.session.scalar(select(FeedbackResponse).where(FeedbackResponse.is_approved)) is response
    services.unapprove_quote(response, coordinator)
    db.session.commit()
    assert not response.is_approved and response.approved_by_id is None


def test_the_database_refuses_an_approved_quote_without_consent(world, visit, person):
    response = answer(person, consent_words=False)
    response.approved_at = utcnow()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_testimonials_are_approved_consented_quotes_named_only_with_consent(world, visit, person):
    coordinator = world.users["coordinator"]
    riahi = ParticipantFactory(visit=visit, organisation=world.org_a, full_name="Riahi Amma Vissal", nationality="TN")
    staff = ParticipantFactory(
        visit=visit, organisation=world.org_a, full_name="Hidden Teacher", role=ParticipantRole.staff
    )
    shy = ParticipantFactory(visit=visit, organisation=world.org_a, full_name="Not Approved")
    named = answer(riahi, words="Seeing large-scale operations was very exciting.", consent_name=True)
    anonymous = answer(person, words="Я очень доволен.", consent_name=False)
    teacher = answer(staff, words="Well organised.", consent_name=False)
    answer(shy, words="Never approved.", consent_name=True)
    for response in (named, anonymous, teacher):
        services.approve_quote(response, coordinator)
    db.session.commit()
    # Another visit's approved quote stays out.
    other = VisitFactory(organisations=[world.org_a], status=VisitStatus.completed)
    services.approve_quote(
        answer(ParticipantFactory(visit=other, organisation=world.org_a), words="Other visit"), coordinator
    )
    db.session.commit()

    testimonials = queries.approved_testimonials(visit)
    assert [t.quote for t in testimonials] == [
        "Seeing large-scale operations was very exciting.",
        "Я очень доволен.",
        "Well organised.",
    ]
    first, second, third = testimonials
    assert (first.name, first.nationality) == ("Riahi Amma Vissal", "TN")
    assert (first.participant_id, first.organisation_id) == (riahi.id, world.org_a.id)
    assert not hasattr(first, "participant"), "a report must not reach the name through the participant"
    assert first.attribution == "Riahi Amma Vissal, University of Geological Sciences"
    assert (second.name, second.nationality) == (None, None)
    assert second.attribution == "A student of Mongolian State University"
    assert third.attribution == "A staff member of University of Geological Sciences"
    assert all("Лхагва" not in t.attribution and "Hidden" not in t.attribution for t in testimonials)


def test_a_withdrawn_quote_leaves_the_testimonials(world, visit, person):
    response = answer(person)
    services.approve_quote(response, world.users["coordinator"])
    services.unapprove_quote(response, world.users["coordinator"])
    db.session.commit()
    assert queries.approved_testimonials(visit) == []


def test_site_ratings_average_and_count_per_site(world, visit, person):
    mine, museum = SiteFactory(name="Open pit"), SiteFactory(name="History museum")
    second = ParticipantFactory(visit=visit, organisation=world.org_a)
    third = ParticipantFactory(visit=visit, organisation=world.org_a)
    ItineraryItemFactory(visit=visit, site=mine, attendees=[(person, True), (second, True), (third, True)])
    ItineraryItemFactory(visit=visit, site=museum, attendees=[(person, True), (second, True)])
    answer(person, ratings={mine.id: 5, museum.id: 4})
    answer(second, ratings={mine.id: 4, museum.id: None})
    answer(third, ratings={})
    # Ratings of the same site on another visit do not count here.
    other = VisitFactory(organisations=[world.org_a], status=VisitStatus.completed)
    stranger = ParticipantFactory(visit=other, organisation=world.org_a)
    ItineraryItemFactory(visit=other, site=mine, attendees=[(stranger, True)])
    answer(stranger, ratings={mine.id: 1})

    scores = queries.site_ratings(visit)
    assert [(s.site.name, s.average, s.count) for s in scores] == [("History museum", 4.0, 1), ("Open pit", 4.5, 2)]
    assert queries.site_ratings(VisitFactory(organisations=[world.org_a])) == []
