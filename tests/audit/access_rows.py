from tests.access import ADMIN_ONLY, Row

ROWS = [
    Row("GET", "/admin/audit", "/admin/audit", ADMIN_ONLY),
    Row("GET", "/admin/audit", "/admin/audit?target_type=visits&target_id={w.visit_shared.id}&page=3", ADMIN_ONLY),
    Row("GET", "/admin/audit", "/admin/audit?date_from=2025-13-45&target_id=-1&actor=x", ADMIN_ONLY),
]
