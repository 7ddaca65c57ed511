"""Absolute links printed into PDFs (the QR codes on badges).

In a request the link follows the request's host; a configured ``BASE_URL``
wins everywhere, and the command line (no request) needs it."""

from flask import current_app

from partnership.core.urls import external_url


def checkin_url(participant) -> str:
    """Where the coordinator's phone lands when it scans a participant's badge:
    that participant's check-in on the visit's programme (``reports.checkin``
    finds the item they are at and opens its attendance)."""
    endpoint = current_app.config.get("CHECKIN_ENDPOINT", "reports.checkin")
    return external_url(endpoint, visit_id=participant.visit_id, participant_id=participant.id)


def pass_url(participant) -> str:
    """What a badge's QR code holds: the participant's gate pass, named by its random token
    (``gate.gate_pass``), which a coordinator's or the site guide's phone opens at the gate."""
    return external_url("gate.gate_pass", token=participant.pass_token)
