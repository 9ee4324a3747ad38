"""PHP curl code: casebook T2 exactly, and the evaluator's substitutions."""

from __future__ import annotations

from ctct_desktop.core.models import AuthKind, BodyKind
from ctct_desktop.importers import import_text
from ctct_desktop.importers.php import import_php
from ctct_desktop.lint import lint_request
from ctct_desktop.lint.model import Fix, Severity
from tests.importers.support import assert_no_secret_outside_auth, fixture


def test_t2_imports_as_multipart_post_to_activities_with_atom_header_kept() -> None:
    result = import_text(fixture("t2_bulk_import.php"))
    assert result.format == "php"
    (imported,) = result.requests
    request = imported.request
    assert request.method == "POST"
    assert request.url == "https://api.constantcontact.com/ws/customers/joesflowers/activities"
    assert [(h.name, h.value) for h in request.headers] == [("Content-Type", "application/atom+xml")]
    assert request.body_kind is BodyKind.FORM
    assert 'Content-Disposition: form-data; name="activityType"\r\n\r\nSV_ADD\r\n' in request.body
    assert 'name="data"\r\n\r\nEmail Address\r\n' in request.body
    notes = " ".join(imported.notes)
    assert "curl_init was given an empty URL" in notes
    assert "multipart/form-data" in notes and "application/atom+xml" in notes
    assert request.auth.kind is AuthKind.CTCT_BASIC
    assert (request.auth.api_key, request.auth.username, request.auth.password) == (
        "ak_1234abcd", "joesflowers", "s3cretPW")
    assert "no ':' between them" in notes
    assert_no_secret_outside_auth(result)


def test_t2_lint_flags_the_atom_content_type_and_the_missing_lists() -> None:
    (imported,) = import_text(fixture("t2_bulk_import.php")).requests
    found = lint_request(imported.request)
    l031 = [d for d in found if d.code == "L031"]
    assert len(l031) == 1 and l031[0].severity is Severity.ERROR
    assert "application/atom+xml" in l031[0].message
    fix = l031[0].fix
    assert isinstance(fix, Fix)
    fixed = fix.apply(imported.request)
    assert fixed.header("Content-Type") == "multipart/form-data; boundary=----CTCTDesktopImportBoundary"
    assert not [d for d in lint_request(fixed) if d.code in ("L031", "L022")]
    messages = [d.message for d in found if d.code == "L025"]
    assert any("needs at least one 'lists'" in m for m in messages)
    assert any("header row but no contacts" in m for m in messages)
    assert not [d for d in found if d.code == "L021"]  # not read as a broken XML body


def test_unknown_variables_become_placeholders_with_notes() -> None:
    code = """<?php
    $ch = curl_init("https://api.constantcontact.com/ws/customers/" . $user . "/contacts");
    curl_setopt($ch, CURLOPT_CUSTOMREQUEST, 'PUT');
    curl_setopt($ch, CURLOPT_POSTFIELDS, $xml);
    curl_setopt($ch, CURLOPT_USERPWD, get_key() . "%joe:" . $pw);
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
    """
    (imported,) = import_php(code).requests
    request = imported.request
    assert request.url == "https://api.constantcontact.com/ws/customers/{{user}}/contacts"
    assert request.method == "PUT" and request.body == "{{xml}}"
    assert request.auth.api_key == "{{get_key}}" and request.auth.password == "{{pw}}"
    notes = " ".join(imported.notes)
    assert "$user is computed elsewhere: became {{user}}" in notes and "get_key()" in notes
    assert request.verify_tls is False


def test_setopt_array_string_postfields_and_interpolation() -> None:
    code = """
    $u = 'joe'; $body = "activityType=SV_ADD&data=" . urlencode("Email Address\\njo@example.com");
    $c = curl_init();
    curl_setopt_array($c, array(CURLOPT_URL => "https://api.constantcontact.com/ws/customers/{$u}/activities",
        CURLOPT_POST => true, CURLOPT_POSTFIELDS => $body, CURLOPT_HTTPHEADER => ['Accept: */*']));
    """
    (imported,) = import_php(code).requests
    request = imported.request
    assert request.url == "https://api.constantcontact.com/ws/customers/joe/activities"
    assert request.body == "activityType=SV_ADD&data=Email+Address%0Ajo%40example.com"
    assert request.header("Content-Type") == "application/x-www-form-urlencoded"
    assert "curl_init was given an empty URL; the URL comes from CURLOPT_URL." in imported.notes


def test_no_curl_calls_is_an_error() -> None:
    assert import_php("<?php echo 'hi';").error


def test_a_complete_multipart_activity_lints_clean_of_form_findings() -> None:
    code = """
    $params = array('activityType' => 'SV_ADD', 'data' => "Email Address\\njo@example.com",
                    'lists' => 'http://api.constantcontact.com/ws/customers/joesflowers/lists/1');
    $ch = curl_init('https://api.constantcontact.com/ws/customers/joesflowers/activities');
    curl_setopt($ch, CURLOPT_USERPWD, 'ak_1234abcd%joesflowers:s3cretPW');
    curl_setopt($ch, CURLOPT_POSTFIELDS, $params);
    """
    (imported,) = import_php(code).requests
    assert imported.request.header("Content-Type").startswith("multipart/form-data; boundary=")
    assert [d.code for d in lint_request(imported.request) if d.severity is not Severity.INFO] == []
