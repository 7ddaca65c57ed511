"""The application as the benchmark serves it: the real app, plus in the same gunicorn a bare
route and, for each page, a route running the page's main query in raw SQL and returning the
rows unrendered (JSON). Each response says how many SQL statements it sent (X-Bench-Queries).

Never part of the product: only ``bench/run`` starts it (``gunicorn 'bench.app:create()'``)."""

import json

from flask import Blueprint, Flask, Response, g, request
from sqlalchemy import event, text

from partnership import create_app
from partnership.extensions import db

# The main query of each page, in plain SQL: the ceiling the page is measured against.
RAW = {
    "home": "SELECT id, title, starts_on, ends_on, status FROM visits ORDER BY starts_on DESC, id DESC LIMIT 20",
    "organisations": (
        "SELECT id, name, kind, country, city FROM organisations WHERE archived_at IS NULL "
        "ORDER BY name_key, id LIMIT 20"
    ),
    "organisation": (
        "SELECT v.id, v.title, v.starts_on FROM visits v JOIN visit_organisations vo ON vo.visit_id = v.id "
        "WHERE vo.organisation_id = :organisation ORDER BY v.starts_on DESC LIMIT 10"
    ),
    "agreements": (
        "SELECT id, reference, title, expires_on FROM agreements ORDER BY expires_on NULLS LAST, reference LIMIT 20"
    ),
    "agreement": "SELECT id, reference, title, expires_on, signed_on FROM agreements WHERE id = :agreement",
    "visits": "SELECT id, title, starts_on, ends_on, status FROM visits ORDER BY starts_on DESC, id DESC LIMIT 20",
    "visit": "SELECT id, title, starts_on, ends_on, status, purpose FROM visits WHERE id = :visit",
    "participants": (
        "SELECT id, full_name, organisation_id, role, nationality FROM participants WHERE visit_id = :visit "
        "ORDER BY organisation_id, name_key, id LIMIT 20"
    ),
    "calendar": (
        "SELECT id, title, starts_on, ends_on FROM visits "
        "WHERE starts_on <= CURRENT_DATE + 31 AND ends_on >= CURRENT_DATE - 1"
    ),
    "sites": "SELECT id, name, kind, capacity FROM sites ORDER BY name_key",
}

bp = Blueprint("bench", __name__)


@bp.get("/bench/bare")
def bare():
    return Response("ok", mimetype="text/plain")


@bp.get("/bench/raw/<name>")
def raw(name: str):
    parameters = {key: int(value) for key, value in request.args.items()}
    with db.engine.connect() as connection:
        rows = connection.execute(text(RAW[name]), parameters).all()
    return Response(json.dumps([list(row) for row in rows], default=str), mimetype="application/json")


def _count_statements(app: Flask) -> None:
    """Every response says how many statements it sent; with the header ``X-Bench-Explain`` its
    body is instead how PostgreSQL plans each SELECT the page sent (its scans, as JSON)."""

    def count(conn, cursor, statement, parameters, context, executemany):
        if "bench_statements" in g:
            g.bench_statements += 1
            if "bench_recorded" in g and statement.lstrip().upper().startswith("SELECT"):
                g.bench_recorded.append((statement, parameters))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)

    @app.before_request
    def start():
        g.bench_statements = 0
        if request.headers.get("X-Bench-Explain"):
            g.bench_recorded = []

    @app.after_request
    def header(response):
        response.headers["X-Bench-Queries"] = str(g.get("bench_statements", 0))
        recorded = g.pop("bench_recorded", None)
        if recorded is not None:
            response = Response(json.dumps(_plans(recorded)), mimetype="application/json")
        return response


def _plans(recorded: list) -> list[dict]:
    """The scans of each recorded statement's plan, run again as EXPLAIN with the same parameters."""
    plans = []
    with db.engine.connect() as connection:
        for statement, parameters in recorded:
            plan = connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
            plans.append({"statement": " ".join(statement.split())[:120], "scans": sorted(set(scans(plan[0]["Plan"])))})
    return plans


def scans(node: dict):
    """``node``'s scans and its children's: an index named, or a table read whole."""
    if "Scan" in node["Node Type"]:
        target = node.get("Index Name") or node.get("Relation Name") or ""
        yield f"{node['Node Type']} {target}".strip()
    for child in node.get("Plans", ()):
        yield from scans(child)


def create() -> Flask:
    app = create_app()
    app.register_blueprint(bp)
    _count_statements(app)
    return app
