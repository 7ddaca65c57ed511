"""Feedback pages: the participant's link without an account, the coordinator's page."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from partnership.db import utcnow
from partnership.extensions import db
from partnership.feedback import services
from partnership.feedback.models import FeedbackInvitation, FeedbackResponse
from partnership.visits.models import VisitStatus
from tests.feedback.factories import ItineraryItemFactory, link_for
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory

LINK = re.compile(r'value="(http://localhost/feedback/[A-Za-z0-9_-]+)"')


@pytest.fixture
def trip(world):
    """A completed visit: Enkhjin attended the pit and the museum, missed the school; the plant's
    attendance was never recorded."""
    visit = VisitFactory(
        title="Almalyk excursion",
        organisations=[world.org_a, world.org_b],
        status=VisitStatus.completed,
        starts_on=date(2025, 6, 24),
        ends_on=date(2025, 6, 25),
    )
    person = ParticipantFactory(visit=visit, organisation=world.org_b, full_name="Лхагва Очир Энхжин")
    sites = {
        name: SiteFactory(name=name)
        for name in ("Open pit", "Honorary History Museum", "Engineering School", "Copper plant")
    }
    ItineraryItemFactory(visit=visit, site=sites["Open pit"], attendees=[(person, True)])
    ItineraryItemFactory(visit=visit, site=sites["Honorary History Museum"], attendees=[(person, True)])
    ItineraryItemFactory(visit=visit, site=sites["Engineering School"], attendees=[(person, False)])
    ItineraryItemFactory(visit=visit, site=sites["Copper plant"], attendees=[person])
    return visit, person, sites


def response_of(person):
    return db.session.scalar(select(FeedbackResponse).filter_by(participant_id=person.id))


# --- the participant -----------------------------------------------------------------------------


def test_the_link_works_without_an_account_and_only_once(client, trip):
    visit, person, sites = trip
    token = link_for(person)
    page = client.get(f"/feedback/{token}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Лхагва Очир Энхжин" in html and "Almalyk excursion" in html
    assert "Open pit" in html and "Honorary History Museum" in html
    assert "Engineering School" not in html  # recorded as absent
    assert "Copper plant" not in html  # not recorded: not known to have been carried out

    sent = client.post(
        f"/feedback/{token}",
        data={
            f"site_{sites['Open pit'].id}": "5",
            f"site_{sites['Honorary History Museum'].id}": "4",
            "words": "Я наблюдал производственные процессы непосредственно.",
            "consent_publish_words": "y",
        },
    )
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/feedback/thanks")
    assert "Thank you" in client.get("/feedback/thanks").get_data(as_text=True)

    response = response_of(person)
    assert sorted((r.site.name, r.rating) for r in response.ratings) == [
        ("Honorary History Museum", 4),
        ("Open pit", 5),
    ]
    assert response.words == "Я наблюдал производственные процессы непосредственно."
    assert (response.consent_publish_words, response.consent_publish_name) == (True, False)

    assert client.get(f"/feedback/{token}").status_code == 404
    again = client.post(f"/feedback/{token}", data={"words": "changed my mind"})
    assert again.status_code == 404
    assert response_of(person).words.startswith("Я наблюдал")


def test_the_pages_keep_the_token_private(client, trip):
    _, person, _ = trip
    response = client.get(f"/feedback/{link_for(person)}")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_an_expired_link_is_not_found(client, trip):
    _, person, _ = trip
    token = link_for(person, now=utcnow() - services.link_lifetime() - timedelta(minutes=1))
    assert client.get(f"/feedback/{token}").status_code == 404
    assert client.post(f"/feedback/{token}", data={"words": "late"}).status_code == 404
    assert response_of(person) is None


def test_a_bad_rating_is_shown_beside_its_site_and_nothing_is_saved(client, trip):
    _, person, sites = trip
    token = link_for(person)
    page = client.post(f"/feedback/{token}", data={f"site_{sites['Open pit'].id}": "9", "words": "Great"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "invalid-feedback" in html and "Great" in html
    assert response_of(person) is None
    assert services.find_open_invitation(token) is not None


def test_a_rating_for_a_site_not_attended_is_ignored(client, trip):
    _, person, sites = trip
    token = link_for(person)
    client.post(f"/feedback/{token}", data={f"site_{sites['Engineering School'].id}": "1", "words": "Fine"})
    assert response_of(person).ratings == []


def test_an_empty_answer_asks_for_something_beside_the_words(client, trip):
    _, person, _ = trip
    token = link_for(person)
    page = client.post(f"/feedback/{token}", data={"words": "  ", "consent_publish_name": "y"})
    assert page.status_code == 200
    assert "Please rate a site or write a few words." in page.get_data(as_text=True)
    assert response_of(person) is None
    assert services.find_open_invitation(token) is not None


def test_an_answer_without_the_form_token_is_refused(client, trip):
    _, person, _ = trip
    token = link_for(person)
    assert client.post(f"/feedback/{token}", data={"words": "x"}, no_csrf=True).status_code == 400
    assert response_of(person) is None


def test_words_too_long_are_refused_beside_the_field(client, trip):
    _, person, _ = trip
    token = link_for(person)
    page = client.post(f"/feedback/{token}", data={"words": "x" * (services.MAX_WORDS + 1)})
    assert page.status_code == 200 and "invalid-feedback" in page.get_data(as_text=True)
    assert response_of(person) is None


# --- the coordinator -----------------------------------------------------------------------------


def test_links_are_shown_once_and_work(coordinator_client, client, trip):
    visit, person, _ = trip
    assert "Create links for everyone without one" in coordinator_client.get(f"/visits/{visit.id}/feedback").get_data(
        as_text=True
    )
    page = coordinator_client.post(f"/visits/{visit.id}/feedback/links")
    assert page.status_code == 200
    links = LINK.findall(page.get_data(as_text=True))
    assert len(links) == 1
    assert client.get(links[0]).status_code == 200
    token = links[0].rsplit("/", 1)[1]
    # Never again: the page does not hold it, the database has only its hash.
    later = coordinator_client.get(f"/visits/{visit.id}/feedback").get_data(as_text=True)
    assert token not in later
    assert "Create links for everyone without one" not in later
    again = coordinator_client.post(f"/visits/{visit.id}/feedback/links", follow_redirects=True)
    assert "already has a link" in again.get_data(as_text=True)
    assert db.session.scalar(select(FeedbackInvitation).filter_by(participant_id=person.id)).token_hash != token


def test_an_email_button_carries_the_link(coordinator_client, trip):
    visit, person, _ = trip
    html = coordinator_client.post(f"/visits/{visit.id}/feedback/links").get_data(as_text=True)
    assert f'href="mailto:{person.email}?subject=' in html.replace("%40", "@")


def test_a_new_link_retires_the_old_one(coordinator_client, client, trip):
    visit, person, _ = trip
    old = link_for(person)
    invitation = services.find_open_invitation(old)
    page = coordinator_client.post(f"/visits/{visit.id}/feedback/invitations/{invitation.id}/link")
    (new,) = LINK.findall(page.get_data(as_text=True))
    assert client.get(f"/feedback/{old}").status_code == 404
    assert client.get(new).status_code == 200


def test_links_before_completion_are_refused(world, coordinator_client):
    visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.confirmed)
    ParticipantFactory(visit=visit, organisation=world.org_a)
    page = coordinator_client.post(f"/visits/{visit.id}/feedback/links", follow_redirects=True)
    assert "Feedback opens once the visit is completed." in page.get_data(as_text=True)
    assert db.session.scalars(select(FeedbackInvitation).filter_by(participant_id=visit.participants[0].id)).all() == []


def test_the_page_shows_answers_consents_and_ratings(coordinator_client, trip):
    visit, person, sites = trip
    services.submit_response(
        services.find_open_invitation(link_for(person)),
        ratings={sites["Open pit"].id: 5},
        words="Очень понравилось.",
        consent_publish_words=True,
        consent_publish_name=False,
    )
    db.session.commit()
    html = coordinator_client.get(f"/visits/{visit.id}/feedback").get_data(as_text=True)
    assert "Очень понравилось." in html
    assert "Open pit: 5 / 5" in html
    assert "5.0 / 5" in html
    assert "Approve quote" in html


def test_approve_and_withdraw_a_quote(coordinator_client, trip, world):
    visit, person, _ = trip
    services.submit_response(
        services.find_open_invitation(link_for(person)),
        ratings={},
        words="Good",
        consent_publish_words=True,
        consent_publish_name=True,
    )
    db.session.commit()
    response = response_of(person)
    done = coordinator_client.post(f"/visits/{visit.id}/feedback/responses/{response.id}/approve")
    assert done.status_code == 302
    db.session.refresh(response)
    assert response.approved_by_id == world.users["coordinator"].id
    coordinator_client.post(f"/visits/{visit.id}/feedback/responses/{response.id}/unapprove")
    db.session.refresh(response)
    assert response.approved_at is None


def test_a_quote_without_consent_cannot_be_approved(coordinator_client, trip):
    visit, person, _ = trip
    services.submit_response(
        services.find_open_invitation(link_for(person)),
        ratings={},
        words="Private",
        consent_publish_words=False,
        consent_publish_name=True,
    )
    db.session.commit()
    response = response_of(person)
    page = coordinator_client.post(
        f"/visits/{visit.id}/feedback/responses/{response.id}/approve", follow_redirects=True
    )
    assert "Only words the participant allowed us to publish can be approved." in page.get_data(as_text=True)
    db.session.refresh(response)
    assert response.approved_at is None


def test_a_response_is_reached_only_through_its_own_visit(coordinator_client, trip, world):
    _, person, _ = trip
    services.submit_response(
        services.find_open_invitation(link_for(person)),
        ratings={},
        words="Good",
        consent_publish_words=True,
        consent_publish_name=False,
    )
    db.session.commit()
    response = response_of(person)
    other = world.feedback_visit
    assert coordinator_client.post(f"/visits/{other.id}/feedback/responses/{response.id}/approve").status_code == 404
    invitation = db.session.scalar(select(FeedbackInvitation).filter_by(participant_id=person.id))
    assert coordinator_client.post(f"/visits/{other.id}/feedback/invitations/{invitation.id}/link").status_code == 404


def test_the_language_switch_keeps_the_participant_on_their_page(client, trip):
    visit, person, sites = trip
    token = link_for(person)
    page = client.get(f"/feedback/{token}").get_data(as_text=True)
    switch = re.search(r'hreflang="ru" href="([^"]+)"', page)
    assert switch, "the page offers Russian"
    href = switch.group(1).replace("&amp;", "&")
    answer = client.get(href)  # no referrer: the feedback page sends none
    assert answer.status_code == 302 and answer.headers["Location"] == f"/feedback/{token}"
    assert 'lang="ru"' in client.get(f"/feedback/{token}").get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_the_language_switch_follows_no_target_off_the_site(client, target):
    answer = client.get("/language/uz", query_string={"next": target})
    assert answer.status_code == 302 and "evil" not in answer.headers["Location"]


def test_a_coordinator_translates_an_approved_quote_for_the_reports(world, coordinator_client):
    from partnership.feedback.queries import approved_testimonials

    response, visit = world.feedback_response, world.feedback_visit
    url = f"/visits/{visit.id}/feedback/responses/{response.id}"
    coordinator_client.post(f"{url}/approve")
    page = coordinator_client.get(f"/visits/{visit.id}/feedback").get_data(as_text=True)
    assert f'action="{url}/translations"' in page and 'name="quote_ru"' in page
    data = {"quote_ru": "Увидеть масштабное производство было очень интересно.", "quote_uz": "  "}
    assert coordinator_client.post(f"{url}/translations", data=data).status_code == 302
    db.session.refresh(response)
    assert (response.quote_ru, response.quote_uz, response.quote_en) == (data["quote_ru"], None, None)
    [quote] = approved_testimonials(visit)
    assert quote.in_language("ru") == data["quote_ru"]
    assert quote.in_language("uz") == response.words  # no Uzbek: the words as written
    too_long = coordinator_client.post(f"{url}/translations", data={"quote_en": "x" * 5001})
    assert too_long.status_code == 302
    db.session.refresh(response)
    assert response.quote_en is None  # refused, nothing saved


def test_words_not_allowed_for_publishing_get_no_translation(world, coordinator_client):
    response, visit = world.feedback_response, world.feedback_visit
    response.consent_publish_words = False
    db.session.commit()
    url = f"/visits/{visit.id}/feedback/responses/{response.id}/translations"
    assert coordinator_client.post(url, data={"quote_ru": "Нельзя"}).status_code == 302
    db.session.refresh(response)
    assert response.quote_ru is None
