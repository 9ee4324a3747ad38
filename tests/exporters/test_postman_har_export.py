"""Postman v2.1 and HAR 1.2 exports: the standard's fields, folders, bodies, and no secret."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Exchange, Header, RequestModel, ResponseRecord
from ctct_desktop.exporters import ExportItem, har_text, postman_text
from ctct_desktop.exporters.postman import SCHEMA

SECRET = "literal-password-123"
XML = RequestModel("POST", "{{base_url}}/contacts", (Header("Content-Type", "application/atom+xml"),
                                                     Header("X-Off", "1", enabled=False)),
                   "<entry/>", BodyKind.XML, Auth(AuthKind.CTCT_BASIC, "joesflowers", SECRET, "{{api_key}}"))
FORM = RequestModel("POST", "https://h/ws/customers/joe/activities", (), "activityType=SV_ADD&data=a%0Ab",
                    BodyKind.FORM, Auth(AuthKind.BEARER, token="tok-literal-456"))


def test_postman_collection_has_folders_bodies_and_references_for_secrets() -> None:
    text = postman_text("Tickets", [ExportItem("Create", XML, ("v1", "Contacts")), ExportItem("Bulk", FORM, ("v1",)),
                                    ExportItem("Top", RequestModel("GET", "https://h/x"))], {"base_url": "https://h"})
    assert SECRET not in text and "tok-literal-456" not in text
    doc = json.loads(text)
    assert doc["info"] == {"name": "Tickets", "schema": SCHEMA}
    v1 = doc["item"][0]
    assert v1["name"] == "v1" and [i["name"] for i in v1["item"]] == ["Contacts", "Bulk"]
    create = v1["item"][0]["item"][0]["request"]
    assert create["auth"] == {"type": "basic", "basic": [
        {"key": "username", "value": "{{api_key}}%joesflowers", "type": "string"},
        {"key": "password", "value": "{{password}}", "type": "string"}]}
    assert create["body"] == {"mode": "raw", "raw": "<entry/>", "options": {"raw": {"language": "xml"}}}
    assert create["header"][1] == {"key": "X-Off", "value": "1", "type": "text", "disabled": True}
    assert create["url"] == {"raw": "{{base_url}}/contacts"}
    bulk = v1["item"][1]["request"]
    assert bulk["body"]["urlencoded"] == [{"key": "activityType", "value": "SV_ADD", "type": "text"},
                                          {"key": "data", "value": "a\nb", "type": "text"}]
    assert bulk["auth"]["bearer"][0]["value"] == "{{access_token}}"
    assert doc["item"][1]["name"] == "Top" and doc["variable"] == [{"key": "base_url", "value": "https://h",
                                                                   "type": "string"}]


def test_har_has_the_required_fields_and_the_recorded_response() -> None:
    answer = ResponseRecord(201, "Created", "HTTP/1.1", (("Content-Type", "application/atom+xml"),), b"<entry/>",
                            "https://h/x", 12.5)
    resolved = XML.with_changes(url="https://h/ws/customers/joe/contacts?email=a%2Bb%40example.com")
    now = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    text = har_text([Exchange(resolved, answer, sent_url=resolved.url), FORM], now=now)
    assert SECRET not in text and "tok-literal-456" not in text
    log = json.loads(text)["log"]
    assert log["version"] == "1.2" and log["creator"]["name"] == "CTCT Desktop"
    first, second = log["entries"]
    assert first["startedDateTime"] == "2024-05-01T12:00:00.000Z" and first["time"] == 12.5
    assert first["request"]["queryString"] == [{"name": "email", "value": "a+b@example.com"}]
    assert first["request"]["postData"] == {"mimeType": "application/atom+xml", "text": "<entry/>"}
    assert first["response"]["status"] == 201 and first["response"]["content"]["text"] == "<entry/>"
    assert "Credentials are not included" in first["comment"]
    for entry in log["entries"]:
        assert {"startedDateTime", "time", "request", "response", "cache", "timings"} <= set(entry)
        assert {"method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize",
                "bodySize"} <= set(entry["request"])
    assert second["response"]["status"] == 0
    assert second["request"]["postData"]["params"] == [{"name": "activityType", "value": "SV_ADD"},
                                                       {"name": "data", "value": "a\nb"}]
