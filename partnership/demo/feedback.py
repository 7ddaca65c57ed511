"""Demo feedback for the June 2025 excursion (SCENARIO.md): the two published
testimonials, a few more answers in the participants' own languages, ratings of
the sites each person attended. Runs after the visits and programme demos
(``ctx.visits["scenario"]``); adds and flushes, the CLI commits."""

from datetime import UTC, datetime, time, timedelta, timezone

from sqlalchemy import select

from partnership.extensions import db
from partnership.feedback.models import FeedbackInvitation, FeedbackResponse, SiteRating
from partnership.feedback.queries import sites_to_rate
from partnership.feedback.services import open_feedback

TASHKENT = timezone(timedelta(hours=5))

# The approved quotes in each report language, as the coordinator translated them.
QUOTES = {
    "Riahi Amma Vissal": dict(
        quote_ru="Я приехал в Узбекистан по программе международного сотрудничества моего университета. "
        "Страна и Алмалык произвели на меня впечатление, а увидеть масштабное технологическое производство "
        "было очень интересно.",
        quote_uz="Oʻzbekistonga universitetimning xalqaro hamkorlik dasturi orqali keldim. Mamlakat va Olmaliq "
        "menda katta taassurot qoldirdi, yirik texnologik jarayonlarni koʻrish juda hayajonli boʻldi.",
    ),
    "Лхагва Очир Энхжин": dict(
        quote_ru="Я приехала по специальной программе сотрудничества наших стран. Мы наблюдали производственные "
        "процессы своими глазами, и я очень довольна этим опытом.",
        quote_uz="Men mamlakatlarimiz oʻrtasidagi maxsus hamkorlik dasturi doirasida keldim. Ishlab chiqarish "
        "jarayonlarini bevosita kuzatdik va bu tajribadan juda mamnunman.",
    ),
    "Айбек Жумабеков": dict(
        quote_en="The excursion to the Kalmakyr mine was very informative: I had never seen such machinery "
        "before. Thanks to the guides!",
        quote_uz="Qalmoqqir koniga ekskursiya juda maʼrifiy boʻldi: bunday texnikani birinchi marta koʻrdim. "
        "Gidlarga rahmat!",
    ),
}

# full name → (words, publish words, publish name, approved by the coordinator)
ANSWERS = {
    "Riahi Amma Vissal": (
        "I came to Uzbekistan through my university's international cooperation programme. I am impressed by "
        "the country and by Almalyk, and seeing large-scale technological operations was very exciting.",
        True,
        True,
        True,
    ),
    "Лхагва Очир Энхжин": (
        "I came within a special cooperation programme between our countries. We observed the production "
        "processes directly, and I am very pleased with the experience.",
        True,
        True,
        True,
    ),
    "Айбек Жумабеков": (
        "Экскурсия на рудник Кальмакыр была очень познавательной: такую технику я видел впервые. Спасибо гидам!",
        True,
        False,
        True,
    ),
    "Shahzoda Toʻxtayeva": (
        "Muzey juda qiziqarli boʻldi, kompaniya tarixini birinchi marta shunchalik batafsil bilib oldim.",
        True,
        False,
        False,
    ),
    "Yassine Ben Amor": (
        "The Engineering School shows what a career at AMMC can look like. "
        "I would like to come back for an internship.",
        True,
        True,
        False,
    ),
    "Батбаяр Ганзориг": (
        "Маш их сэтгэгдэл төрсөн. Дараагийн удаа үйлдвэрт илүү удаан байхыг хүсэж байна.",
        False,
        False,
        False,
    ),
    "Нургүл Асанова": (None, False, False, False),
    "Gulnoza Ergasheva": (None, False, False, False),
    "Номин-Эрдэнэ Бат": ("Хамгийн их таалагдсан нь уурхай.", True, False, False),
    "Oʻtkir Gʻaniyev": (None, False, False, False),
}


def _moment(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour)).replace(tzinfo=TASHKENT).astimezone(UTC)


def load(ctx) -> None:
    visit = getattr(ctx, "visits", {}).get("scenario")
    if visit is None:
        return
    db.session.flush()
    coordinator = ctx.users["coordinator"]
    open_feedback(visit, coordinator)
    db.session.flush()
    invitations = {
        i.participant_id: i
        for i in db.session.scalars(
            select(FeedbackInvitation).where(FeedbackInvitation.participant_id.in_([p.id for p in visit.participants]))
        )
    }
    issued = _moment(visit.ends_on + timedelta(days=1), 11)
    for n, participant in enumerate(visit.participants):
        answer = ANSWERS.get(participant.full_name)
        if answer is None:
            # No link yet: the demo's coordinator can issue the links and see them once.
            continue
        words, publish_words, publish_name, approved = answer
        ratings = [
            SiteRating(site=site, rating=3 + (n + 2 * k) % 3) for k, site in enumerate(sites_to_rate(participant))
        ]
        if not words and not ratings:
            continue  # nothing to say without a programme to rate
        # The link was issued the day after the visit and used; only its hash was ever kept,
        # and a used link needs none.
        invitation = invitations[participant.id]
        invitation.issued_at = issued
        invitation.expires_at = issued + timedelta(days=30)
        submitted = _moment(visit.ends_on + timedelta(days=2 + n % 4), 9 + n % 9)
        invitation.used_at = submitted
        db.session.add(
            FeedbackResponse(
                participant=participant,
                words=words,
                consent_publish_words=publish_words,
                consent_publish_name=publish_name,
                submitted_at=submitted,
                approved_by=coordinator if approved else None,
                approved_at=_moment(visit.ends_on + timedelta(days=8), 10 + n % 5) if approved else None,
                ratings=ratings,
                **(QUOTES.get(participant.full_name, {}) if approved else {}),
            )
        )
    db.session.flush()
