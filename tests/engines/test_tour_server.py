"""The tour server: static files only from the site, the ask API, limits, loopback."""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.pack.loader import Pack
from guichet.kiosk.server.ask_api import ServeConfig
from guichet.kiosk.server.runner import make_server


@pytest.fixture
def server(tmp_path: Path, demo_pack: Pack):  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>tour</h1>", encoding="utf-8")
    (site / "tour.json").write_text('{"id": "t"}', encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the public", encoding="utf-8")
    srv = make_server(site, EmbeddedAnswerer(demo_pack), ("fr", "en"), ServeConfig(port=0))
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


JSON = {"Content-Type": "application/json"}


def request(srv, method: str, path: str, body: bytes | None = None,  # type: ignore[no-untyped-def]
            headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", srv.server_address[1], timeout=10)
    conn.request(method, path, body=body, headers=JSON if headers is None else headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def test_binds_loopback_and_serves_the_site(server) -> None:  # type: ignore[no-untyped-def]
    assert server.server_address[0] == "127.0.0.1"
    assert request(server, "GET", "/") == (200, b"<h1>tour</h1>")
    assert request(server, "GET", "/tour.json")[0] == 200
    assert request(server, "GET", "/missing.js")[0] == 404


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt",
                                  "/..%2fsecret.txt", "//etc/passwd"])
def test_no_path_traversal(server, path: str) -> None:  # type: ignore[no-untyped-def]
    status, body = request(server, "GET", path)
    assert status in (403, 404)
    assert b"not for the public" not in body and b"root:" not in body


def test_ask_api_answers_from_the_pack(server) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"question": "Combien coûte la cantine ?", "lang": "fr"}).encode()
    status, data = request(server, "POST", "/api/ask", body,
                           {"Content-Type": "application/json"})
    assert status == 200
    answer = json.loads(data)
    assert answer["sources"] == ["cantine"] and answer["language"] == "fr"
    status, data = request(server, "POST", "/api/ask",
                           json.dumps({"question": "Capital of Peru?", "lang": "en"}).encode())
    assert status == 200 and json.loads(data)["declined"] is True


def test_a_typed_question_without_lang_gets_its_language_guessed(server) -> None:  # type: ignore[no-untyped-def]
    for question, lang in (("When is the market?", "en"), ("Quand a lieu le marché ?", "fr")):
        status, data = request(server, "POST", "/api/ask",
                               json.dumps({"question": question}).encode())
        answer = json.loads(data)
        assert status == 200 and answer["language"] == lang, answer
        assert answer["sources"] == ["marche"]


@pytest.mark.parametrize("kind", [None, "text/plain", "application/x-www-form-urlencoded",
                                  "multipart/form-data; boundary=x"])
def test_only_json_and_audio_are_accepted_on_the_api(server, kind: str | None) -> None:  # type: ignore[no-untyped-def]
    """What any web page can make a browser send without asking (no CORS preflight)."""
    body = json.dumps({"question": "Combien coûte la cantine ?", "lang": "fr"}).encode()
    status, data = request(server, "POST", "/api/ask", body,
                           {} if kind is None else {"Content-Type": kind})
    assert status == 415 and "error_fr" in json.loads(data)


def test_ask_api_refuses_what_it_should(server) -> None:  # type: ignore[no-untyped-def]
    big = json.dumps({"question": "x" * 40_000, "lang": "fr"}).encode()
    assert request(server, "POST", "/api/ask", big)[0] == 413
    assert request(server, "POST", "/api/ask", b"{not json")[0] == 400
    wrong_lang = json.dumps({"question": "Wo ist das Rathaus?", "lang": "de"}).encode()
    status, data = request(server, "POST", "/api/ask", wrong_lang)
    assert status == 400 and "de" in json.loads(data)["error"]
    assert request(server, "POST", "/api/ask", b'{"question": ""}')[0] == 400
    assert request(server, "POST", "/api/other", b"{}")[0] == 404
    # The server is still answering after all that.
    assert request(server, "GET", "/")[0] == 200


def test_serving_an_unbuilt_folder_says_what_to_do(tmp_path: Path, demo_pack: Pack) -> None:
    with pytest.raises(FileNotFoundError, match="tour build"):
        make_server(tmp_path, EmbeddedAnswerer(demo_pack), ("fr",), ServeConfig(port=0))
