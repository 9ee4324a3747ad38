"""The vocabulary of features articles may match on, each with the sentence shown as evidence.

The loader rejects a feature name that is not listed here (or of the form ``lint:L0NN``), so a
typo in an article is reported instead of silently never matching.
"""

from __future__ import annotations

import re

FEATURES: dict[str, str] = {
    # credentials and account path
    "no-credentials": "the request carries no credentials",
    "bearer-auth": "the request uses a Bearer token",
    "basic-user-without-percent": "the Basic user string has no '%' (expected apikey%username)",
    "basic-user-encoded": "the username in the Basic credential is percent-encoded",
    "path-contains-percent": "the account path contains '%' (an API key in the URL path)",
    "path-user-differs": "the username in the URL path differs from the credential's",
    "path-user-not-lowercase": "the username in the URL path is not lower case",
    "account-root-without-slash": "the account root URL has no trailing slash",
    "unknown-collection": "the path names a collection the v1 API does not have",
    "collection-url": "the URL names a collection",
    "method-not-supported": "the method is not one this resource accepts",
    "schedule-request": "the URL is a campaign schedule",
    "v1-contacts": "the URL is under /contacts",
    "v1-lists": "the URL is under /lists",
    "v1-campaigns": "the URL is under /campaigns",
    "v1-activities": "the URL is under /activities",
    "v1-settings": "the URL is under /settings",
    "v1-library": "the URL is under /library",
    "v1-events": "the URL is under /events",
    "v1-other": "the URL is under an unknown v1 collection",
    "localhost": "the host is this computer (loopback)",
    # content type and query
    "content-type-mismatch": "the Content-Type does not suit the resource",
    "form-content-type-on-atom-resource": "a form Content-Type was sent to a resource that takes an Atom entry",
    "body-datetime-plus-as-space": "a date-time in the body has a space where its '+' offset sign was",
    "query-datetime-plus-as-space": "a date-time in the query has a raw '+' (read as a space)",
    "expects-atom": "the resource expects application/atom+xml",
    "expects-form": "the resource expects a form or multipart body",
    "json-content-type-mismatch": "the Content-Type is not application/json",
    "accept-not-json": "the Accept header does not allow JSON",
    "v2-missing-api-key": "the v2 URL has no api_key parameter",
    "email-search": "the URL searches contacts by email",
    "search-plus-unencoded": "the email in the search query has a raw '+' (read as a space)",
    "search-email-not-lowercase": "the email in the search query is not lower case",
    "search-email-has-space": "the email in the search query decodes with a space",
    # body
    "body-not-well-formed": "the request body is not well-formed XML",
    "body-is-form-on-atom-resource": "form fields were sent to a resource that takes an Atom entry",
    "atom-wrapper-problem": "the Atom wrapper (entry, id, title, author, updated, content) has a defect",
    "ctct-element-case-mismatch": "an element name has the wrong letter case",
    "datetime-plus-as-space": "a date-time has a space where its '+' offset sign was",
    "contact-body": "the body holds a Contact",
    "campaign-body": "the body holds a Campaign",
    "email-has-plus": "the email address contains '+'",
    "email-has-space": "the email address contains a space",
    "email-too-long": "the email address is longer than 80 characters",
    "optin-action-by-customer": "OptInSource is ACTION_BY_CUSTOMER",
    "optin-action-by-contact": "OptInSource is ACTION_BY_CONTACT",
    "contact-lists-empty": "the Contact has no ContactList",
    "campaign-greetingname-invalid": "GreetingName is not FirstName, LastName, FirstAndLastName or None",
    "campaign-text-not-wrapped": "EmailTextContent is not wrapped in <Text>",
    "campaign-content-not-escaped": "campaign content holds raw (unescaped) markup",
    "activities-lists-bracket": "the activity form uses 'lists[]=' instead of repeated 'lists='",
    "activities-lists-not-encoded": "a list URI in the activity form is not URL-encoded",
    "activities-missing-type": "the activity form has no activityType",
    # response
    "response-html": "the response is an HTML page",
    "response-json": "the response is JSON",
    "response-xml": "the response is XML",
    "response-text": "the response is plain text",
    "response-empty": "the response body is empty",
    "insufficient-scope": "WWW-Authenticate says insufficient_scope",
    # lint
    "lint-clean": "the linter finds no error in the request",
    "lint-atom-wrapper": "the linter reports a defect in the Atom wrapper (L001-L006)",
}
_LINT_FEATURE = re.compile(r"^lint:L\d{3}$")


def is_known_feature(name: str) -> bool:
    return name in FEATURES or bool(_LINT_FEATURE.match(name))


def describe_feature(name: str) -> str:
    if name.startswith("lint:"):
        return f"the linter reports {name[5:]}"
    return FEATURES.get(name, name)
