"""Every organisation route for every role: staff keep the register, management
reads it all, a liaison opens only their own organisation's page."""

from tests.access import LOGIN, SIGNED_IN, STAFF_ONLY, Row, expect

ORG = "/organisations/<int:organisation_id>"
CONTACT = ORG + "/contacts/<int:contact_id>"

VALID_ORGANISATION = {"name": "Tashkent State Technical University", "kind": "university", "country": "UZ"}
VALID_CONTACT = {"name": "Aziza Rahimova", "email": "aziza@example.org"}

# Staff succeed (a redirect, like the sign-in page for anonymous visitors); other roles may never do it.
STAFF_REDIRECT = expect(403, anonymous=LOGIN, admin=302, coordinator=302)
# The id does not exist (or the contact is another organisation's): 404 for staff, 403 for roles that may never act.
STAFF_404 = expect(403, anonymous=LOGIN, admin=404, coordinator=404)
# Reading: everyone signed in but the other organisation's liaison.
OWN_A = expect(200, anonymous=LOGIN, liaison_b=404)

ROWS = [
    # The list: names for everyone signed in.
    Row("GET", "/organisations", "/organisations", SIGNED_IN),
    # Suggestions for lookup fields: names, as the list shows everyone signed in.
    Row("GET", "/organisations/suggest", "/organisations/suggest?q=uni", SIGNED_IN),
    Row("GET", "/organisations/suggest", "/organisations/suggest?q=&archived=1", SIGNED_IN),
    Row(
        "GET", "/organisations", "/organisations?q=university&kind=university&country=UZ&sort=country&page=2", SIGNED_IN
    ),
    Row("GET", "/organisations", "/organisations?archived=1&sort=nonsense&page=x", SIGNED_IN),
    # The page: a liaison sees their own organisation only; ids that do not exist are 404 alike.
    Row("GET", ORG, "/organisations/{w.org_a.id}", OWN_A),
    Row("GET", ORG, "/organisations/{w.org_b.id}", expect(200, anonymous=LOGIN, liaison_a=404)),
    Row("GET", ORG, "/organisations/{w.ministry.id}", expect(200, anonymous=LOGIN, liaison_a=404, liaison_b=404)),
    Row("GET", ORG, "/organisations/{w.archived_org.id}", expect(200, anonymous=LOGIN, liaison_a=404, liaison_b=404)),
    Row("GET", ORG, "/organisations/999999", expect(404, anonymous=LOGIN)),
    # Creating and editing.
    Row("GET", "/organisations/new", "/organisations/new", STAFF_ONLY),
    Row("POST", "/organisations/new", "/organisations/new", STAFF_REDIRECT, data=VALID_ORGANISATION),
    Row("POST", "/organisations/new", "/organisations/new", STAFF_ONLY, data={"name": "", "country": "XX"}),
    Row("GET", ORG + "/edit", "/organisations/{w.org_a.id}/edit", STAFF_ONLY),
    Row("GET", ORG + "/edit", "/organisations/999999/edit", STAFF_404),
    Row(
        "POST",
        ORG + "/edit",
        "/organisations/{w.org_a.id}/edit",
        STAFF_REDIRECT,
        data={"name": "University of Geological Sciences", "kind": "university", "country": "UZ", "city": "Tashkent"},
    ),
    Row("POST", ORG + "/edit", "/organisations/999999/edit", STAFF_404, data=VALID_ORGANISATION),
    # Archiving and restoring.
    Row("POST", ORG + "/archive", "/organisations/{w.org_b.id}/archive", STAFF_REDIRECT),
    Row("POST", ORG + "/archive", "/organisations/999999/archive", STAFF_404),
    Row("POST", ORG + "/restore", "/organisations/{w.archived_org.id}/restore", STAFF_REDIRECT),
    Row("POST", ORG + "/restore", "/organisations/999999/restore", STAFF_404),
    # Contacts.
    Row("GET", ORG + "/contacts/new", "/organisations/{w.org_a.id}/contacts/new", STAFF_ONLY),
    Row("GET", ORG + "/contacts/new", "/organisations/999999/contacts/new", STAFF_404),
    Row("POST", ORG + "/contacts/new", "/organisations/{w.org_a.id}/contacts/new", STAFF_REDIRECT, data=VALID_CONTACT),
    Row("GET", CONTACT + "/edit", "/organisations/{w.org_a.id}/contacts/{w.contact_a.id}/edit", STAFF_ONLY),
    Row("GET", CONTACT + "/edit", "/organisations/{w.org_a.id}/contacts/{w.contact_b.id}/edit", STAFF_404),
    Row("GET", CONTACT + "/edit", "/organisations/{w.org_a.id}/contacts/999999/edit", STAFF_404),
    Row(
        "POST",
        CONTACT + "/edit",
        "/organisations/{w.org_a.id}/contacts/{w.contact_a.id}/edit",
        STAFF_REDIRECT,
        data=VALID_CONTACT,
    ),
    Row(
        "POST",
        CONTACT + "/edit",
        "/organisations/{w.org_a.id}/contacts/{w.contact_b.id}/edit",
        STAFF_404,
        data=VALID_CONTACT,
    ),
    Row("POST", CONTACT + "/delete", "/organisations/{w.org_a.id}/contacts/{w.contact_a.id}/delete", STAFF_REDIRECT),
    Row("POST", CONTACT + "/delete", "/organisations/{w.org_b.id}/contacts/{w.contact_a.id}/delete", STAFF_404),
]
