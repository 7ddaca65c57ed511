"""How the programme reacts to what happens in the sub-domains below it."""

from partnership.induction.signals import programme_sites
from partnership.participants.signals import personal_data, sites_ahead
from partnership.programme import locks, queries, rules
from partnership.sites.signals import rules_changing


@rules_changing.connect
def bookings_a_site_change_breaks(site, proposed, today) -> list[str]:
    """The upcoming items at ``site`` that its proposed rules would break. The site (and a guide
    it would lose) is locked first, as a booking locks them, so that no booking slips in between
    the check and the change."""
    leaving = {guide.id for guide in site.guides} - proposed.guide_ids
    locks.lock(site_ids=[site.id], guide_ids=leaving)
    return rules.site_change_conflicts(proposed, today)


@personal_data.connect
def attendance_of_a_participant(participant):
    """The items the person was planned for and whether they came."""
    return "attendance", queries.personal_attendance(participant)


@sites_ahead.connect
def planned_sites_of_participants(visit, participant_ids):
    """The sites the people's programme items use, for the participant list's needs."""
    return queries.sites_of_attendees(visit, participant_ids)


@programme_sites.connect
def sites_a_participant_is_planned_for(participant) -> set[int]:
    """The sites of the items the person is planned to attend: their inductions are theirs to take."""
    return queries.planned_site_ids(participant)
