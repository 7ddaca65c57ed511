"""Language switch and error pages in the site's layout."""


def test_language_switch_sets_the_interface_language(client, world):
    client.get("/language/ru", headers={"Referer": "http://localhost/login"})
    assert 'lang="ru"' in client.get("/login").get_data(as_text=True)
    client.get("/language/xx")
    assert 'lang="ru"' in client.get("/login").get_data(as_text=True)


def test_browser_language_is_the_default(client, world):
    page = client.get("/login", headers={"Accept-Language": "uz,ru;q=0.8"}).get_data(as_text=True)
    assert 'lang="uz"' in page


def test_language_switch_goes_back_only_to_this_site(client, world):
    response = client.get("/language/en", headers={"Referer": "https://evil.example/x"})
    assert response.headers["Location"] == "/"


def test_not_found_page_uses_the_layout(coordinator_client):
    response = coordinator_client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True) and "navbar" in response.get_data(as_text=True)


def test_too_large_request_gets_the_413_page(app, coordinator_client):
    body = {"file": "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)}
    response = coordinator_client.post("/admin/users/new", data=body)
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_every_asset_is_served_by_the_app_itself(client, world):
    import re

    page = client.get("/login").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"#]+\.(?:js|css))"', page)
    assert len(assets) >= 4
    for url in assets:
        assert url.startswith("/"), f"{url} is fetched from elsewhere"
        assert client.get(url).status_code == 200, url


def test_ids_beyond_a_database_integer_are_not_found(coordinator_client):
    assert coordinator_client.get("/organisations/99999999999999999999").status_code == 404
    assert coordinator_client.get("/agreements/2147483648").status_code == 404


def test_nul_characters_are_refused_before_any_view(coordinator_client):
    assert coordinator_client.get("/organisations?q=a%00b").status_code == 400
    assert coordinator_client.post("/organisations/new", data={"name": "a\x00b"}).status_code == 400
