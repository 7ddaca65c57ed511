"""Induction operations: the material and questions, personal links, attempts, results.
They flush; the request commits."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from partnership import pdfs
from partnership.audit.services import record
from partnership.core.errors import DomainError
from partnership.core.tokens import hash_token, new_token, plausible
from partnership.db import utcnow
from partnership.extensions import db
from partnership.induction import queries
from partnership.induction.models import (
    INDUCTION_LANGUAGES,
    InductionHow,
    InductionLink,
    InductionQuestion,
    InductionResult,
    SiteInduction,
)
from partnership.induction.signals import links_to_send
from partnership.sites.models import Site
from partnership.text import clean_filename
from partnership.visits.models import Participant, Visit

MAX_BODY = 20000
MIN_OPTIONS, MAX_OPTIONS = 2, 4


# --- the material -----------------------------------------------------------------------------


def save_material(
    site: Site, bodies: dict[str, str | None], actor, pdf: tuple[str, bytes] | None = None, remove_pdf: bool = False
) -> SiteInduction:
    """The induction's texts (``{"en": …, "ru": …, "uz": …}``; English is required) and its
    optional PDF (a new one replaces the old; ``remove_pdf`` takes it away)."""
    if not (bodies.get("en") or "").strip():
        raise DomainError(_("Write the material in English at least."), field="body_en")
    for language in INDUCTION_LANGUAGES:
        if len(bodies.get(language) or "") > MAX_BODY:
            raise DomainError(_("Keep the material under %(max)d characters.", max=MAX_BODY), field=f"body_{language}")
    induction = queries.induction_of(site) or SiteInduction(site=site)
    for language in INDUCTION_LANGUAGES:
        setattr(induction, f"body_{language}", (bodies.get(language) or "").strip() or None)
    if pdf is not None:
        filename, content = pdf
        problem = pdfs.problem(content)
        if problem:
            raise DomainError(problem, field="pdf")
        induction.pdf_filename = clean_filename(filename, default="induction.pdf")
        induction.pdf, induction.pdf_size = content, len(content)
    elif remove_pdf:
        induction.pdf_filename, induction.pdf, induction.pdf_size = None, None, None
    db.session.add(induction)
    record(actor, "induction.material_saved", site, details={"pdf": induction.pdf_filename})
    return induction


def _checked(prompts: dict[str, str | None], options: dict[str, list[str]], correct: int) -> dict:
    """A question's columns from what was written: 2–4 options in English at least (the other
    languages optional but, when given, as many as in English); ``correct`` is the index of the
    right option."""
    if not (prompts.get("en") or "").strip():
        raise DomainError(_("Write the question in English."), field="prompt_en")
    english = [o.strip() for o in options.get("en") or [] if o and o.strip()]
    if not MIN_OPTIONS <= len(english) <= MAX_OPTIONS:
        raise DomainError(_("Give between 2 and 4 answers in English."), field="options_en")
    cleaned = {"en": english}
    for language in INDUCTION_LANGUAGES[1:]:
        given = [o.strip() for o in options.get(language) or [] if o and o.strip()]
        if given and len(given) != len(english):
            raise DomainError(
                _("Give as many answers in this language as in English (%(n)d), or none.", n=len(english)),
                field=f"options_{language}",
            )
        cleaned[language] = given
    if not 0 <= correct < len(english):
        raise DomainError(_("Choose which answer is right."), field="correct")
    return {
        "prompt_en": prompts["en"].strip(),  # type: ignore[union-attr]  # checked above
        "prompt_ru": (prompts.get("ru") or "").strip() or None,
        "prompt_uz": (prompts.get("uz") or "").strip() or None,
        "options": cleaned,
        "correct_index": correct,
    }


def add_question(
    induction: SiteInduction, prompts: dict[str, str | None], options: dict[str, list[str]], correct: int, actor
) -> InductionQuestion:
    """A new last question (``_checked`` says what it needs)."""
    question = InductionQuestion(
        induction=induction,
        position=max((q.position for q in induction.questions), default=0) + 1,
        **_checked(prompts, options, correct),
    )
    db.session.add(question)
    record(actor, "induction.question_added", induction.site)
    return question


def change_question(
    question: InductionQuestion, prompts: dict[str, str | None], options: dict[str, list[str]], correct: int, actor
) -> None:
    """The question rewritten in place, by the same rules as a new one. Results already given
    stay: they were earned on the question as it was."""
    for name, value in _checked(prompts, options, correct).items():
        setattr(question, name, value)
    record(actor, "induction.question_changed", question.induction.site)


def move_question(question: InductionQuestion, step: int, actor) -> bool:
    """The question one place earlier (``step`` -1) or later (+1); False at either end (nothing moves)."""
    questions = list(question.induction.questions)
    here = questions.index(question)
    there = here + step
    if step not in (-1, 1) or not 0 <= there < len(questions):
        return False
    questions[here], questions[there] = questions[there], questions[here]
    for position, each in enumerate(questions, start=1):
        each.position = position  # numbered afresh: older rows may share a position
    question.induction.questions[:] = questions
    record(actor, "induction.question_moved", question.induction.site)
    return True


def remove_question(question: InductionQuestion, actor) -> None:
    site = question.induction.site
    question.induction.questions.remove(question)
    db.session.delete(question)
    record(actor, "induction.question_removed", site)


# --- personal links ---------------------------------------------------------------------------


def issue_links(visit: Visit, actor, *, with_email_only: bool = False) -> dict[int, str]:
    """Tokens for the visit's participants who have no induction link yet (``with_email_only``: of
    those, who have an e-mail address): ``{participant_id: token}``, shown or sent once. A second
    call finds everyone linked and gives nothing: a repeated click sends nothing twice."""
    linked = set(
        db.session.scalars(
            select(InductionLink.participant_id)
            .join(Participant, Participant.id == InductionLink.participant_id)
            .where(Participant.visit_id == visit.id)
        )
    )
    people = [
        p
        for p in sorted(visit.participants, key=lambda p: p.id)
        if p.id not in linked and p.erased_at is None and (p.email or not with_email_only)
    ]
    tokens = {}
    for participant in people:
        token = new_token()
        db.session.add(InductionLink(participant=participant, token_hash=hash_token(token)))
        tokens[participant.id] = token
    if tokens:
        db.session.flush()
        record(actor, "induction.links_issued", visit, details={"participants": len(tokens)})
    return tokens


def reissue_link(participant: Participant, actor) -> str:
    """A new token for one participant; the old link stops working."""
    link = db.session.scalar(select(InductionLink).where(InductionLink.participant_id == participant.id))
    token = new_token()
    if link is None:
        link = InductionLink(participant=participant, token_hash=hash_token(token))
        db.session.add(link)
    else:
        link.token_hash = hash_token(token)
        link.issued_at = utcnow()
    db.session.flush()
    record(actor, "induction.link_issued", participant)
    return token


def find_participant(token: str) -> Participant | None:
    if not plausible(token):
        return None
    link = db.session.scalar(select(InductionLink).where(InductionLink.token_hash == hash_token(token)))
    if link is None or link.participant.erased_at is not None:
        return None
    return link.participant


# --- attempts and results ---------------------------------------------------------------------


def max_attempts() -> int:
    return int(current_app.config.get("INDUCTION_MAX_ATTEMPTS", 3))


def _locked_result(participant: Participant, site_id: int) -> InductionResult:
    """The participant's result at the site, created if none, read under a lock on the participant
    so that two submissions at once are counted one after the other."""
    db.session.refresh(participant, with_for_update={"of": Participant})
    result = db.session.scalar(
        select(InductionResult).where(
            InductionResult.participant_id == participant.id, InductionResult.site_id == site_id
        )
    )
    if result is None:
        result = InductionResult(participant_id=participant.id, site_id=site_id, attempts=0)
        db.session.add(result)
        db.session.flush()
    return result


@dataclass(frozen=True)
class Outcome:
    result: InductionResult
    wrong: tuple[int, ...] = ()  # the positions (1-based) of the questions answered wrong

    @property
    def passed(self) -> bool:
        return self.result.passed

    @property
    def attempts_left(self) -> int:
        return max(0, max_attempts() - self.result.attempts)


def submit_answers(
    participant: Participant, induction: SiteInduction, answers: dict[int, int | None], now: datetime | None = None
) -> Outcome:
    """Record an attempt: ``answers`` maps question ids to the index of the option chosen. All
    right: passed. Passed already: nothing changes (a double submit is harmless). After
    ``INDUCTION_MAX_ATTEMPTS`` failed attempts, refused: the coordinator takes it from there."""
    if induction.site_id not in queries.planned_site_ids(participant) or not induction.site.induction_required:
        raise DomainError(_("This induction is not on your programme."))
    if not induction.is_ready:
        raise DomainError(_("This induction is not ready yet. Please ask your coordinator."))
    result = _locked_result(participant, induction.site_id)
    if result.passed:
        return Outcome(result)
    if result.attempts >= max_attempts():
        raise DomainError(_("You have used all your attempts. Please ask your coordinator."))
    wrong = tuple(
        number
        for number, question in enumerate(induction.questions, start=1)
        if answers.get(question.id) != question.correct_index
    )
    result.attempts += 1
    if not wrong:
        result.passed_at = now or utcnow()
        result.how = InductionHow.online
    db.session.flush()
    record(None, "induction.passed" if not wrong else "induction.failed", result)
    return Outcome(result, wrong)


def mark_passed(
    actor, participants: Iterable[Participant], site_ids: Iterable[int], now: datetime | None = None
) -> int:
    """A coordinator records that the people passed the inductions of the sites (taken with them
    in person): how many results changed. Passed already: left as it was."""
    now, changed = now or utcnow(), 0
    sites = sorted(set(site_ids))
    for participant in participants:
        for site_id in sites:
            result = _locked_result(participant, site_id)
            if result.passed:
                continue
            result.passed_at, result.how, result.marked_by_id = now, InductionHow.coordinator, actor.id
            db.session.flush()
            record(actor, "induction.marked_passed", result)
            changed += 1
    return changed


def forget(participant: Participant) -> None:
    """A person erased: their results and their link go."""
    db.session.execute(delete(InductionResult).where(InductionResult.participant_id == participant.id))
    db.session.execute(delete(InductionLink).where(InductionLink.participant_id == participant.id))


def required_sites_of(participant: Participant) -> list[Site]:
    """The sites on the participant's programme that require an induction."""
    return queries.required_sites(queries.planned_site_ids(participant))


def send_links(visit: Visit, actor) -> int:
    """Links for the participants with an e-mail address who have none yet, handed to whoever
    mails them (``signals.links_to_send``): how many. A repeated click sends nothing twice."""
    tokens = issue_links(visit, actor, with_email_only=True)
    if tokens:
        links_to_send.send(visit, actor=actor, tokens=tokens)
    return len(tokens)
