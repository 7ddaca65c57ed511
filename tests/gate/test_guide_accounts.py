"""Guide accounts: the admin binds one to a guide; the account then signs in to the gate alone."""

from sqlalchemy import func, select

from partnership.accounts.models import User
from partnership.core.roles import Role
from partnership.extensions import db
from tests.sites.factories import GuideFactory

NEW_GUIDE = {
    "username": "guide.museum",
    "full_name": "Nodira Museum",
    "email": "nodira@ammc.example",
    "role": "guide",
    "organisation_id": 0,
    "password": "a-long-enough-password",
    "password_again": "a-long-enough-password",
    "active": "y",
}


def test_admin_creates_a_guide_account_bound_to_a_guide(admin_client, world, client):
    guide = GuideFactory(name="Nodira Yoqubova")
    db.session.commit()
    form = admin_client.get("/admin/users/new").get_data(as_text=True)
    assert "Nodira Yoqubova" in form and 'name="guide_id"' in form
    response = admin_client.post("/admin/users/new", data={**NEW_GUIDE, "guide_id": guide.id})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "guide.museum"))
    assert user.role is Role.guide and user.guide_id == guide.id and user.organisation_id is None
    response = client.post("/login", data={"username": "guide.museum", "password": "a-long-enough-password"})
    assert response.status_code == 302
    assert client.get("/").headers["Location"] == "/gate"
    assert client.get("/gate").status_code == 200
    assert client.get("/organisations").status_code == 403
    assert client.get("/sites").status_code == 403


def test_a_guide_account_needs_a_guide_and_a_guide_has_one_account(admin_client, world):
    response = admin_client.post("/admin/users/new", data={**NEW_GUIDE, "guide_id": 0})
    assert "A guide account belongs to one of the guides." in response.get_data(as_text=True)
    taken = admin_client.post("/admin/users/new", data={**NEW_GUIDE, "guide_id": world.users["guide"].guide_id})
    assert "This guide already has an account: guide." in taken.get_data(as_text=True)
    other = admin_client.post(
        "/admin/users/new", data={**NEW_GUIDE, "role": "coordinator", "guide_id": world.users["guide"].guide_id}
    )
    assert "Only guide accounts belong to a guide." in other.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id)).where(User.username == "guide.museum")) == 0


def test_the_guides_menu_is_the_gate(app, world, login):
    page = login(world.users["guide"]).get("/gate").get_data(as_text=True)
    assert 'href="/gate"' in page
    for refused in ('href="/organisations"', 'href="/visits"', 'href="/sites"', 'href="/reports"'):
        assert refused not in page
