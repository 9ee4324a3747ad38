"""Empty elements the official clients always send are absent, not wrong (L011, L012, L014).

ctct_php_library writes every contact field, empty ones as ``<EmailType></EmailType>``,
``<CustomField7></CustomField7>``; other clients echo an empty ``<Status></Status>``. The real API
took them, so none of them is a finding.
"""

from __future__ import annotations

from ctct_desktop.core.models import BodyKind
from ctct_desktop.lint import Severity
from tests.lint.support import codes, lint, request
from tests.support.client_libraries import ACCOUNT, php_campaign_xml, php_contact_xml

_TEXTS = {"Subject": "Hello", "EmailContent": "&lt;html&gt;&lt;body&gt;Hi&lt;/body&gt;&lt;/html&gt;",
          "EmailTextContent": "&lt;Text&gt;Hi&lt;/Text&gt;"}


def _findings(body: str, path: str, method: str) -> list[tuple[str, Severity, str]]:
    found = lint(request(body, path, method, kind=BodyKind.XML))
    return [(d.code, d.severity, d.message) for d in found if d.severity is not Severity.INFO]


def test_php_contact_update_with_empty_fields_and_status_is_clean() -> None:
    body = php_contact_xml(f"{ACCOUNT}/contacts/2", "jo@example.com", (1,), status="")
    assert _findings(body, "/contacts/2", "PUT") == []


def test_php_contact_create_with_empty_email_type_is_clean() -> None:
    assert _findings(php_contact_xml("data:,", "jo@example.com", (1,)), "/contacts", "POST") == []


def test_a_written_email_type_and_status_are_still_checked() -> None:
    body = php_contact_xml("data:,", "jo@example.com", (1,), {"EmailType": "html"}, status="Active")
    assert {"L011", "L012"} <= codes(lint(request(body, "/contacts", "POST", kind=BodyKind.XML)))


def test_empty_campaign_enums_and_read_only_elements_are_absent() -> None:
    body = php_campaign_xml("data:,", "PHP campaign", {**_TEXTS, "GreetingName": ""})
    body = body.replace("<Subject>", "<Sent></Sent><Opens/><Subject>")
    found = _findings(body, "/campaigns", "POST")
    assert [f for f in found if f[0] != "L028"] == []  # L028: the library's placeholder user 'customer'


def test_a_written_campaign_enum_is_still_checked() -> None:
    body = php_campaign_xml("data:,", "PHP campaign", {**_TEXTS, "GreetingName": "cmp_grt_name"})
    assert "L014" in codes(lint(request(body, "/campaigns", "POST", kind=BodyKind.XML)))
