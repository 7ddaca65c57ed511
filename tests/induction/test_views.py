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


def test_a_pdf_goes_with_the_material_and_reaches_the_participant(client, coordinator_client):
    import io

    from tests.agreements.factories import PDF

    site = required_site(name="Sary-Cheku pit")
    participant = planned_participant(site)
    token = link_of(participant)
    body = {"body_en": "Wear your helmet.", "body_ru": "Наденьте каску."}
    not_pdf = coordinator_client.post(
        f"/sites/{site.id}/induction",
        data={**body, "pdf": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "rules.pdf")},
        content_type="multipart/form-data",
    )
    assert not_pdf.status_code == 200
    assert "This file is not a PDF document, whatever its name says." in not_pdf.get_data(as_text=True)
    assert queries.induction_of(site).pdf_filename is None  # nothing saved, the texts neither
    saved = coordinator_client.post(
        f"/sites/{site.id}/induction",
        data={**body, "pdf": (io.BytesIO(PDF), "Правила карьера.pdf")},
        content_type="multipart/form-data",
    )
    assert saved.status_code == 302
    assert queries.induction_of(site).pdf_filename == "Правила карьера.pdf"
    page = client.get(f"/induction/{token}/sites/{site.id}").get_data(as_text=True)
    assert f'href="/induction/{token}/sites/{site.id}/material.pdf"' in page
    download = client.get(f"/induction/{token}/sites/{site.id}/material.pdf")
    assert download.status_code == 200 and download.data == PDF and download.mimetype == "application/pdf"
    assert download.headers["Referrer-Policy"] == "no-referrer"
    other = link_of(planned_participant(required_site(name="Another pit")))
    assert client.get(f"/induction/{other}/sites/{site.id}/material.pdf").status_code == 404  # not on their programme
    kept = coordinator_client.post(f"/sites/{site.id}/induction", data=body)  # saving the texts keeps the PDF
    assert kept.status_code == 302 and queries.induction_of(site).pdf_filename == "Правила карьера.pdf"
    coordinator_client.post(f"/sites/{site.id}/induction", data={**body, "remove_pdf": "y"})
    assert queries.induction_of(site).pdf_filename is None
    assert client.get(f"/induction/{token}/sites/{site.id}/material.pdf").status_code == 404


def test_a_question_is_changed_in_place_and_moved(coordinator_client):
    """A coordinator corrects a question (wrong input is shown beside its field, nothing saved) and
    puts the questions in another order; the participant is asked them as they now stand."""
    site = required_site()
    induction = queries.induction_of(site)
    first, second = induction.questions
    url = f"/sites/{site.id}/induction/questions/{first.id}"
    form = coordinator_client.get(url).get_data(as_text=True)
    assert first.prompt_en in form and "Save the question" in form
    bad = coordinator_client.post(url, data={"prompt_en": "Helmet?", "options_en": "Only one", "correct": 0})
    assert bad.status_code == 200 and "Give between 2 and 4 answers in English." in bad.get_data(as_text=True)
    assert queries.induction_of(site).questions[0].prompt_en == first.prompt_en  # nothing half-saved
    mismatched = {"prompt_en": "Boots?", "options_en": "Yes\nNo\nMaybe", "options_ru": "Да\nНет", "correct": 2}
    assert "as many answers in this language" in coordinator_client.post(url, data=mismatched).get_data(as_text=True)
    saved = coordinator_client.post(url, data={**mismatched, "options_ru": "Да\nНет\nМожет быть"})
    assert saved.status_code == 302
    changed = queries.induction_of(site).questions[0]
    assert (changed.prompt_en, changed.correct_index, changed.option_texts("ru")[2]) == ("Boots?", 2, "Может быть")

    move = f"/sites/{site.id}/induction/questions/{second.id}/move"
    assert coordinator_client.post(move, data={"direction": "up"}).status_code == 302
    assert [q.id for q in queries.induction_of(site).questions] == [second.id, first.id]
    coordinator_client.post(move, data={"direction": "up"})  # already first: nothing moves
    assert [q.id for q in queries.induction_of(site).questions] == [second.id, first.id]
    coordinator_client.post(move, data={"direction": "down"})
    assert [q.id for q in queries.induction_of(site).questions] == [first.id, second.id]
    editor = coordinator_client.get(f"/sites/{site.id}/induction").get_data(as_text=True)
    assert editor.index("Boots?") < editor.index(second.prompt_en)
