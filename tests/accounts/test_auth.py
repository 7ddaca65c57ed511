from partnership.core.roles import Role
from tests.factories import PASSWORD, UserFactory


def test_login_and_logout(client, app):
    UserFactory(username="coord", role=Role.coordinator)
    response = client.post("/login", data={"username": "coord", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_beside_the_field(client, app):
    UserFactory(username="coord")
    response = client.post("/login", data={"username": "coord", "password": "nope"})
    assert response.status_code == 200
    assert "wrong password" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused(client, app):
    UserFactory(username="coord")
    response = client.post("/login", data={"username": "coord", "password": PASSWORD}, no_csrf=True)
    assert response.status_code == 400
