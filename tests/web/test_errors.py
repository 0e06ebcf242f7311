"""Error pages: bad requests get a 4xx page, never a server error."""


def test_a_bad_host_header_gets_the_400_page_not_a_server_error(client):
    response = client.get("/hu/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert b"<html" in response.content
