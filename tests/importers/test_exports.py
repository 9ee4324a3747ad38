"""HAR, Postman (collection and environment) and Insomnia exports."""

from __future__ import annotations

from ctct_desktop.core.models import AuthKind, BodyKind
from ctct_desktop.importers import import_text
from tests.importers.support import assert_no_secret_outside_auth, fixture


def test_har_every_entry_with_its_recorded_response() -> None:
    result = import_text(fixture("browser.har"))
    assert result.format == "har" and len(result.requests) == 2
    search, bulk = result.requests
    assert search.request.url.endswith("/contacts?email=jo%40example.com")
    assert [h.name for h in search.request.headers] == ["Accept"]  # :authority, Cookie, Accept-Encoding dropped
    assert search.request.auth.kind is AuthKind.CTCT_BASIC and search.request.auth.username == "joesflowers"
    assert any("Cookies were not imported" in n for n in search.notes)
    assert search.response is not None and search.response.status == 200
    assert search.response.body.startswith(b"<?xml") and search.response.elapsed_ms == 182.5
    exchange = search.exchange
    assert exchange is not None and exchange.request == search.request and exchange.response == search.response
    assert bulk.request.method == "POST" and bulk.request.body_kind is BodyKind.FORM
    assert bulk.request.header("Content-Type") == "application/x-www-form-urlencoded"
    assert bulk.response is not None and bulk.response.status == 201
    assert bulk.response.body == b'<entry xmlns="http://www.w3.org/2005/Atom"/>'  # base64 decoded
    assert_no_secret_outside_auth(result)


def test_postman_collection_folders_variables_auth_bodies_scripts() -> None:
    result = import_text(fixture("postman_collection.json"))
    assert result.format == "postman" and result.name == "CTCT v1"
    by_name = {r.name: r for r in result.requests}
    assert list(by_name) == ["All lists", "Create list", "Bulk add", "v2 contacts (OAuth)"]
    assert by_name["All lists"].folder == ("Lists",) and by_name["Bulk add"].folder == ()
    inherited = by_name["All lists"].request.auth
    assert (inherited.kind, inherited.api_key, inherited.username, inherited.password) == (
        AuthKind.CTCT_BASIC, "{{api_key}}", "{{username}}", "{{password}}")
    create = by_name["Create list"]
    assert create.request.body_kind is BodyKind.XML and "<ContactList" in create.request.body
    assert any("scripts were not imported" in n for n in create.notes)
    bulk = by_name["Bulk add"].request
    assert bulk.body.startswith("activityType=SV_ADD&data=Email+Address%0Ajo%40example.com&lists=http%3A")
    assert "ignored" not in bulk.body
    v2 = by_name["v2 contacts (OAuth)"].request
    assert v2.auth.kind is AuthKind.BEARER and v2.auth.token == "{{access_token}}"
    assert dict(result.variables) == {"base_url": "https://api.constantcontact.com/ws/customers/{{username}}",
                                      "username": "joesflowers", "api_key": ""}
    assert any("'api_key' looks secret" in n for n in result.notes)
    assert any("collection's scripts" in n for n in result.notes)


def test_postman_environment_keeps_names_not_secret_values() -> None:
    result = import_text(fixture("postman_environment.json"))
    assert result.format == "postman-environment" and result.name == "CTCT production"
    assert result.requests == () and not result.error
    assert dict(result.variables) == {"username": "joesflowers", "password": "", "api_key": "",
                                      "list_name": "Spring sale"}
    assert_no_secret_outside_auth(result)


def test_insomnia_folders_variables_and_template_tags() -> None:
    result = import_text(fixture("insomnia_v4.json"))
    assert result.format == "insomnia" and len(result.requests) == 2
    search, update = result.requests
    assert search.folder == ("Contacts", "Search") and update.folder == ("Contacts",)
    assert search.request.url == "{{base_url}}/contacts?email={{insomnia_tag}}"
    assert any("template tag" in n for n in search.notes)
    assert search.request.auth.api_key == "{{api_key}}" and search.request.auth.username == "{{username}}"
    assert update.request.method == "PUT" and update.request.body_kind is BodyKind.XML
    assert [(h.name, h.enabled) for h in update.request.headers] == [("Content-Type", True), ("X-Debug", False)]
    assert update.request.auth.password == "s3cretPW"
    assert dict(result.variables)["password"] == ""
    assert_no_secret_outside_auth(result)


def test_unknown_json_and_unknown_text_are_clear_errors() -> None:
    assert "not a HAR, Postman or Insomnia" in import_text('{"a": 1}').error
    assert "not a format the importer knows" in import_text("hello").error
    assert "not valid JSON" in import_text("{").error
