"""One realistic exchange per knowledge-base article; each must rank its article FIRST."""

from __future__ import annotations

from collections.abc import Callable

from ctct_desktop.core.models import Auth, AuthKind, Exchange, FailureKind
from tests.explain.builders import (
    ACCOUNT, ATOM, E1, E2, api_json, campaign_body, contact_body, exchange, failed, json_errors, v1,
)

V2 = "https://api.constantcontact.com/v2"
V3 = "https://api.cc.email/v3"
OAUTH = "https://oauth2.constantcontact.com/oauth2/oauth"
JBOSS_403 = ("<html><head><title>JBoss Web/2.1.3.GA - Error report</title></head><body><h1>HTTP Status 403 - "
             "</h1><p><b>type</b> Status report</p><p><b>description</b> <u>Access to the specified resource () "
             "has been forbidden.</u></p></body></html>")
APACHE_403 = ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>403 Forbidden</title>\n'
              "</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access /\non this server.</p>\n"
              "</body></html>")
CASES: dict[str, Callable[[], Exchange]] = {
    "v1-409-contact-exists": lambda: v1("POST", "/contacts", 409, "Error 409: Conflict",
                                        body=contact_body("jane+news@example.com")),
    "v1-409-list-exists": lambda: v1(
        "POST", "/lists", 409, "Error 409: List with name 'Newsletter' already exists.",
        body='<entry xmlns="http://www.w3.org/2005/Atom"><id>data:,</id><title/><author/><updated>2008-04-16'
             '</updated><content type="application/vnd.ctct+xml"><ContactList xmlns="http://ws.constantcontact.com'
             '/ns/1.0/"><OptInDefault>false</OptInDefault><Name>Newsletter</Name><SortOrder>99</SortOrder>'
             '</ContactList></content></entry>'),
    "v1-409-resource-exists": lambda: v1(
        "POST", "/library/folders", 409, "Error 409: Folder 'Spring' already exists.",
        body='<atom:entry xmlns:atom="http://www.w3.org/2005/Atom"><atom:content><Folder><Name>Spring</Name>'
             '</Folder></atom:content></atom:entry>'),
    "v1-400-status-transition": lambda: v1("PUT", "/contacts/1234", 400, E2, body=contact_body(
        contact_id="http://api.constantcontact.com/ws/customers/joesflowers/contacts/1234",
        entry_id="http://api.constantcontact.com/ws/customers/joesflowers/contacts/1234")),
    "v1-400-remove-action-by-contact": lambda: v1("PUT", "/contacts/1234", 400, "Error 400: Bad Request",
                                                  body=contact_body(source="ACTION_BY_CONTACT", lists=())),
    "v1-400-invalid-email": lambda: v1(
        "POST", "/contacts", 400, "Error 400: The provided email address jane news@example.com was not valid",
        body=contact_body("jane news@example.com")),
    "v1-400-atom-sections": lambda: v1("POST", "/contacts", 400, E1, body=contact_body(entry_open="<entry>")),
    "v1-400-contact-xml": lambda: v1(
        "POST", "/contacts", 400, "Error 400: Unknown element <emailaddress> in Contact",
        body=contact_body().replace("EmailAddress>", "emailaddress>")),
    "v1-400-greeting-name": lambda: v1(
        "POST", "/campaigns", 400, "Error 400: GreetingName must be one of FirstName, LastName, "
        "FirstAndLastName, None", body=campaign_body(greeting="cmp_grt_name")),
    "v1-400-email-content": lambda: v1(
        "POST", "/campaigns", 400, "Error 400: EmailContent is not valid: the HTML must be XML-escaped.",
        body=campaign_body(content="<html><body><p>Hello</p></body></html>")),
    "v1-400-api-key-in-path": lambda: exchange(
        "GET", "https://api.constantcontact.com/ws/customers/abc123key%joesflowers/lists", 400,
        "Error 400: Bad Request"),
    "v1-400-form-on-lists": lambda: v1("POST", "/lists", 400, "Error 400: Bad Request",
                                       body="OptInDefault=false&Name=Newsletter&SortOrder=99", content_type=ATOM),
    "v1-400-transient": lambda: v1("POST", "/contacts", 400, "Error 400: Bad Request", body=contact_body()),
    "v1-400-datetime-plus-space": lambda: v1(
        "POST", "/campaigns", 400, "Error 400: Date is not a valid date-time",
        body=campaign_body(date="2010-09-28T05:22:42 01:00")),
    "v1-400-malformed-xml": lambda: v1("POST", "/contacts", 400, "Error 400: Bad Request",
                                       body=contact_body().replace("<FirstName>Jane", "<FirstName>Tom & Jerry")),
    "v1-400-activities-form": lambda: v1(
        "POST", "/activities", 400, "Error 400: Invalid lists parameter",
        body="activityType=SV_ADD&data=Email+Address%2CFirst+Name%0Ajane%40example.com%2CJane&lists[]="
             "http://api.constantcontact.com/ws/customers/joesflowers/lists/1",
        content_type="application/x-www-form-urlencoded"),
    "v1-400-invalid-request": lambda: v1("POST", "/contacts", 400, "Error 400: OptInSource is required",
                                         body=contact_body(source=None)),
    "v1-401-unauthorized": lambda: v1("GET", "/contacts", 401, "Error 401: Unauthorized"),
    "v1-401-user-string": lambda: v1("GET", "/contacts", 401, "Error 401: Unauthorized",
                                     auth=Auth(AuthKind.BASIC, username="joesflowers", password="s3cret-pass")),
    "v1-401-path-user-mismatch": lambda: exchange(
        "GET", "https://api.constantcontact.com/ws/customers/marysbakery/contacts", 401, "Error 401: Unauthorized"),
    "v1-403-schedule-not-approved": lambda: v1(
        "POST", "/campaigns/1100546096289/schedules", 403, JBOSS_403, response_type="text/html",
        response_headers=[("WWW-Authenticate", "Bearer error='insufficient_scope'")],
        body='<entry xmlns="http://www.w3.org/2005/Atom"><link href="/ws/customers/joesflowers/campaigns/'
             '1100546096289/schedules/1" rel="edit"/><id>http://api.constantcontact.com/ws/customers/joesflowers/'
             'campaigns/1100546096289/schedules/1</id><title type="text">2010-11-13T20:03:35.000Z</title><updated>'
             '2010-11-13T20:03:35.000Z</updated><author/><content type="application/vnd.ctct+xml"><Schedule '
             'xmlns="http://ws.constantcontact.com/ns/1.0/" id="http://api.constantcontact.com/ws/customers/'
             'joesflowers/campaigns/1100546096289/schedules/1"><ScheduledTime>2030-11-13T20:03:35.000Z'
             '</ScheduledTime></Schedule></content></entry>'),
    "v1-403-forbidden-page": lambda: exchange("GET", ACCOUNT, 403, APACHE_403, response_type="text/html"),
    "v1-403-do-not-mail": lambda: v1("PUT", "/contacts/1234", 403, "Error 403: Forbidden", body=contact_body(
        contact_id="http://api.constantcontact.com/ws/customers/joesflowers/contacts/1234",
        entry_id="http://api.constantcontact.com/ws/customers/joesflowers/contacts/1234")),
    "v1-404-not-found": lambda: v1("GET", "/contacts/99999", 404, "Error 404: Not Found"),
    "v1-404-unknown-collection": lambda: v1("GET", "/contact/12", 404, "Error 404: Not Found"),
    "v1-415-content-type": lambda: v1("POST", "/contacts", 415, "Error 415: Unsupported Media Type",
                                      body=contact_body(), content_type="application/xml"),
    "v1-415-method": lambda: v1("PUT", "/contacts", 415, "Error 415: Unsupported Media Type", body=contact_body()),
    "v1-500-search-miss": lambda: exchange("GET", ACCOUNT + "/contacts?email=jane+news@example.com", 500,
                                           "Error 500: Internal Server Error"),
    "v1-500-server-error": lambda: v1("GET", "/campaigns", 503, "Error 503: Service Unavailable"),
    "oauth-redirect-uri-mismatch": lambda: exchange(
        "GET", f"{OAUTH}/siteowner/authorize?response_type=code&client_id=abc123key&redirect_uri="
               "https%3A%2F%2Fexample.com%2Fcallback", 400,
        "<html><body><h1>Invalid redirect</h1><p>error=redirect_uri_mismatch</p></body></html>",
        auth=Auth(), response_type="text/html"),
    "oauth-access-denied": lambda: exchange(
        "GET", f"{OAUTH}/siteowner/authorize?response_type=code&client_id=abc123key&redirect_uri=https%3A%2F%2F"
               "example.com%2Fcallback", 302, auth=Auth(), response_headers=[
            ("Location", "https://example.com/callback?error=access_denied&error_description=User+denied+"
                         "authentication.")]),
    "oauth-invalid-grant": lambda: exchange(
        "POST", f"{OAUTH}/token?grant_type=authorization_code&client_id=abc123key&code=old", 400,
        '{"error": "invalid_grant", "error_description": "Invalid authorization code: old"}', auth=Auth(),
        response_type="application/json"),
    "oauth-invalid-client": lambda: exchange(
        "POST", f"{OAUTH}/token?grant_type=authorization_code&client_id=nope&code=abc", 401,
        '{"error": "invalid_client", "error_description": "Bad client credentials"}', auth=Auth(),
        response_type="application/json"),
    "v2-403-over-qps": lambda: api_json("GET", f"{V2}/contacts?api_key=k", 403, json_errors(
        ("mashery.not.authorized.over.qps", "Account Over Queries Per Second Limit"))),
    "v2-403-over-ratelimit": lambda: api_json("GET", f"{V2}/contacts?api_key=k", 403, json_errors(
        ("mashery.not.authorized.over.ratelimit", "Account Over Rate Limit"))),
    "v2-400-bad-request": lambda: api_json("POST", f"{V2}/lists?api_key=k", 400, json_errors(
        ("http.status.bad_request", "Bad request.")), body='{"name": "x", "status": "WRONG"}'),
    "v2-400-json-validation": lambda: api_json("POST", f"{V2}/emailmarketing/campaigns?api_key=k", 400, json_errors(
        ("json.regex.mismatch.email_content", "#/email_content: String does not match the pattern")),
        body='{"name": "Spring"}'),
    "v2-401-unauthorized": lambda: api_json("GET", f"{V2}/contacts", 401, json_errors(
        ("http.status.unauthorized", "Unauthorized"))),
    "v2-406-not-acceptable": lambda: api_json("GET", f"{V2}/contacts?api_key=k", 406, "",
                                              headers=[("Accept", "application/xml")]),
    "v2-409-conflict": lambda: api_json("POST", f"{V2}/contacts?api_key=k", 409, json_errors(
        ("http.status.conflict", "Email address jane@example.com already exists.")),
        body='{"email_addresses": [{"email_address": "jane@example.com"}], "lists": [{"id": "1"}]}'),
    "v2-415-content-type": lambda: api_json("POST", f"{V2}/contacts?api_key=k", 415, "",
                                            body='{"lists": []}', content_type="text/plain"),
    "v3-429-rate-limit": lambda: api_json("GET", f"{V3}/contacts", 429, json_errors(
        ("throttled", "Too many requests")), response_headers=[("Retry-After", "1")]),
    "v3-409-contacts-conflict": lambda: api_json("POST", f"{V3}/contacts", 409, json_errors(
        ("contacts.api.conflict", "Validation failed: EmailAddress is not unique")),
        body='{"email_address": {"address": "jane@example.com", "permission_to_send": "implicit"}, '
             '"create_source": "Account", "list_memberships": ["07936f78-662a-11eb-af0a-fa163e56c9b0"]}'),
    "v3-404-not-found": lambda: api_json("GET", f"{V3}/contacts/1618ae62-4752-11e9-9c8a-fa163e6b01c1", 404,
                                         json_errors(("contacts.api.not_found", "Contact not found."))),
    "v3-401-token": lambda: api_json("GET", f"{V3}/contacts", 401, json_errors(
        ("unauthorized", "Unauthorized"))),
    "v3-403-forbidden": lambda: api_json("POST", f"{V3}/emails/activities/abc/schedules", 403, json_errors(
        ("forbidden", "The access token does not have the campaign_data scope")),
        body='{"scheduled_date": "0"}'),
    "v3-400-validation": lambda: api_json("POST", f"{V3}/contacts", 400, json_errors(
        ("contacts.api.validation.error", "first_name exceeds 50 characters")),
        body='{"email_address": {"address": "a@example.com"}, "first_name": "' + "x" * 60 + '"}'),
    "v3-415-content-type": lambda: api_json("POST", f"{V3}/contacts", 415, "", body='{"a": 1}',
                                            content_type="text/plain"),
    "transport-dns": lambda: failed(FailureKind.DNS, "The host name 'api.constantcontatc.com' could not be found",
                                    "ConnectError: [Errno -2] Name or service not known",
                                    "https://api.constantcontatc.com/ws/customers/joesflowers/contacts"),
    "transport-refused": lambda: failed(FailureKind.REFUSED, "127.0.0.1 refused the connection",
                                        "ConnectError: [Errno 111] Connection refused",
                                        "http://127.0.0.1:8089/ws/customers/joesflowers/contacts"),
    "transport-tls": lambda: failed(FailureKind.TLS, "The TLS (HTTPS) handshake failed",
                                    "ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
                                    "self-signed certificate in certificate chain"),
    "transport-timeout": lambda: failed(FailureKind.TIMEOUT, "Timed out waiting for an answer from the server.",
                                        "ReadTimeout: timed out"),
    "transport-proxy": lambda: failed(FailureKind.PROXY, "The proxy refused the request",
                                      "ProxyError: 407 Proxy Authentication Required"),
    "transport-redirect-loop": lambda: failed(FailureKind.TOO_MANY_REDIRECTS, "The server kept redirecting",
                                              "TooManyRedirects: Exceeded maximum allowed redirects."),
    "transport-reset": lambda: failed(FailureKind.RESET, "The server reset the connection",
                                      "ReadError: [Errno 104] Connection reset by peer"),
    "transport-protocol": lambda: failed(FailureKind.PROTOCOL, "The answer was not valid HTTP",
                                         "RemoteProtocolError: illegal status line: bytearray(b'\\x15\\x03')"),
    "transport-invalid-url": lambda: failed(FailureKind.INVALID_URL, "The URL has no scheme; start it with https://",
                                            "The URL has no scheme", "api.constantcontact.com/ws/customers/x"),
    "transport-cancelled": lambda: failed(FailureKind.CANCELLED, "Cancelled", "cancelled by the user"),
    "transport-other": lambda: failed(FailureKind.OTHER, "A network error occurred", "OSError: [Errno 101] "
                                      "Network is unreachable"),
    "generic-1xx": lambda: exchange("GET", "https://example.com/api/things", 103, ""),
    "generic-3xx": lambda: exchange("GET", "http://api.constantcontact.com/ws/customers/joesflowers/contacts", 301,
                                    response_headers=[("Location", ACCOUNT + "/contacts")]),
    "generic-4xx": lambda: exchange("GET", "https://example.com/api/things", 418, "I'm a teapot"),
    "generic-5xx": lambda: exchange("GET", "https://example.com/api/things", 502, "Bad Gateway"),
}

# Articles that cover the reference's error catalogue (§8) E1..E20.
E_COVERAGE = {
    "E1": "v1-400-atom-sections", "E2": "v1-400-status-transition", "E3": "v1-400-invalid-email",
    "E4": "v1-400-remove-action-by-contact", "E5": "v1-400-greeting-name", "E6": "v1-400-email-content",
    "E7": "v1-400-contact-xml", "E8": "v1-400-api-key-in-path", "E9": "v1-400-form-on-lists",
    "E10": "v1-400-transient", "E11": "v1-401-unauthorized", "E12": "v1-403-schedule-not-approved",
    "E13": "v1-403-forbidden-page", "E14": "v1-403-do-not-mail", "E15": "v1-404-not-found",
    "E16": "v1-409-contact-exists", "E17": "v1-415-content-type", "E18": "v1-500-search-miss",
    "E19": "oauth-redirect-uri-mismatch", "E20": "oauth-access-denied",
}
