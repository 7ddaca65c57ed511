from tests.access import LOGIN, SIGNED_IN, STAFF_ONLY, Row, expect

NOT_FOUND = expect(404, anonymous=LOGIN)
STAFF_NOT_FOUND = expect(403, anonymous=LOGIN, admin=404, coordinator=404)
REDIRECT_STAFF = expect(403, anonymous=LOGIN, admin=302, coordinator=302)

SITE_DATA = {
    "name": "Copper plant",
    "kind": "plant",
    "capacity": "30",
    "opening_days": "0",
    "opens_at": "09:00",
    "closes_at": "17:00",
}

ROWS = [
    Row("GET", "/sites", "/sites", SIGNED_IN),
    Row("GET", "/sites/<int:site_id>", "/sites/{w.site.id}", SIGNED_IN),
    Row("GET", "/sites/<int:site_id>", "/sites/999999", NOT_FOUND),
    Row("GET", "/sites/new", "/sites/new", STAFF_ONLY),
    Row("POST", "/sites/new", "/sites/new", REDIRECT_STAFF, SITE_DATA),
    Row("GET", "/sites/<int:site_id>/edit", "/sites/{w.site.id}/edit", STAFF_ONLY),
    Row("GET", "/sites/<int:site_id>/edit", "/sites/999999/edit", STAFF_NOT_FOUND),
    Row("POST", "/sites/<int:site_id>/edit", "/sites/{w.site.id}/edit", STAFF_ONLY, {"name": ""}),
    Row(
        "POST",
        "/sites/<int:site_id>/guides",
        "/sites/{w.site.id}/guides",
        REDIRECT_STAFF,
        {"guide_id": "{w.spare_guide.id}"},
    ),
    Row("POST", "/sites/<int:site_id>/guides", "/sites/999999/guides", STAFF_NOT_FOUND, {"guide_id": "1"}),
    Row("GET", "/sites/<int:site_id>/guides/new", "/sites/{w.site.id}/guides/new", STAFF_ONLY),
    Row(
        "POST",
        "/sites/<int:site_id>/guides/new",
        "/sites/{w.site.id}/guides/new",
        REDIRECT_STAFF,
        {"name": "Jasur Toshev"},
    ),
    Row(
        "POST",
        "/sites/<int:site_id>/guides/<int:guide_id>/remove",
        "/sites/{w.site.id}/guides/{w.guide.id}/remove",
        REDIRECT_STAFF,
    ),
    Row(
        "POST",
        "/sites/<int:site_id>/guides/<int:guide_id>/remove",
        "/sites/{w.site.id}/guides/999999/remove",
        STAFF_NOT_FOUND,
    ),
    Row("GET", "/guides", "/guides", SIGNED_IN),
    Row("GET", "/guides/<int:guide_id>/edit", "/guides/{w.guide.id}/edit", STAFF_ONLY),
    Row("GET", "/guides/<int:guide_id>/edit", "/guides/999999/edit", STAFF_NOT_FOUND),
    Row("POST", "/guides/<int:guide_id>/edit", "/guides/{w.guide.id}/edit", REDIRECT_STAFF, {"name": "Bobur Karimov"}),
]
