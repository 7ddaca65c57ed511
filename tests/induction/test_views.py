"""The participant's pages through their link (CSRF on) and the coordinator's editor."""

from partnership.induction import queries
from tests.induction.factories import link_of, planned_participant, required_site, right_answers


def _answers(induction, answers):
    return {f"question_{qid}": value for qid, value in answers.items()}


def test_participant_takes_the_induction_through_their_link(client, app):
    site = required_site(name="Kalmakyr open-pit mine")
    participant = planned_participant(site)
    token = link_of(participant)
    induction = queries.induction_of(site)
    page = client.get(f"/induction/{token}")
    assert page.status_code == 200 and "Kalmakyr open-pit mine" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    take = f"/induction/{token}/sites/{site.id}"
    assert "Wear your helmet" in client.get(take).get_data(as_text=True)
    wrong = right_answers(induction)
    wrong[induction.questions[0].id] = 0
    failed = client.post(take, data=_answers(induction, wrong))
    text = failed.get_data(as_text=True)
    assert failed.status_code == 200 and "questions 1." in text and "Attempts left: 2." in text
    passed = client.post(take, data=_answers(induction, right_answers(induction)))
    assert passed.status_code == 302
    assert queries.passed_on([participant.id], site.id)
    again = client.post(take, data=_answers(induction, right_answers(induction)))
    assert again.status_code == 302  # a double submit changes nothing


def test_the_editor_shows_errors_beside_the_fields(coordinator_client):
    site = required_site()
    page = coordinator_client.post(f"/sites/{site.id}/induction", data={"body_en": ""})
    assert page.status_code == 200 and "This field is required." in page.get_data(as_text=True)
    bad = coordinator_client.post(
        f"/sites/{site.id}/induction/questions",
        data={"prompt_en": "Helmet?", "options_en": "Only one", "correct": 0},
    )
    assert bad.status_code == 200 and "Give between 2 and 4 answers in English." in bad.get_data(as_text=True)
    good = coordinator_client.post(
        f"/sites/{site.id}/induction/questions",
        data={"prompt_en": "Helmet?", "options_en": "Yes\nNo", "options_ru": "Да\nНет", "correct": 0},
    )
    assert good.status_code == 302
    assert len(queries.induction_of(site).questions) == 3
