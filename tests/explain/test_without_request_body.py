"""Articles whose headers, URL or response already say enough match without the request body
(as from `explain --status --method --url -H` with no --request-body); the body only boosts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ctct_desktop.core.models import Exchange
from ctct_desktop.explain import explain
from tests.explain.builders import ATOM, api_json, contact_body, v1
from tests.explain.cases import CASES

V2 = "https://api.constantcontact.com/v2"
V3 = "https://api.cc.email/v3"
FORM = "application/x-www-form-urlencoded"
UPDATED_SINCE = "?updatedsince=2010-09-28T05:22:42+01:00"

# article -> (with the body, without it): the same exchange, the request body left out
PAIRS: dict[str, tuple[Callable[[], Exchange], Callable[[], Exchange]]] = {
    "v1-415-content-type": (
        CASES["v1-415-content-type"],
        lambda: v1("POST", "/contacts", 415, "Error 415: Unsupported Media Type", content_type="application/xml")),
    "v1-415-content-type (PUT, text/xml)": (
        lambda: v1("PUT", "/contacts/12", 415, "", body=contact_body(), content_type="text/xml"),
        lambda: v1("PUT", "/contacts/12", 415, "", content_type="text/xml")),
    "v1-415-content-type (activities)": (
        lambda: v1("POST", "/activities", 415, "", body="activityType=SV_ADD&data=x", content_type=ATOM),
        lambda: v1("POST", "/activities", 415, "", content_type=ATOM)),
    "v1-400-form-on-lists": (
        lambda: v1("POST", "/lists", 400, "Error 400: Bad Request", body="OptInDefault=false&Name=News",
                   content_type=FORM),
        lambda: v1("POST", "/lists", 400, "Error 400: Bad Request", content_type=FORM)),
    "v1-400-datetime-plus-space": (
        CASES["v1-400-datetime-plus-space"],
        lambda: v1("GET", "/contacts" + UPDATED_SINCE, 400, "Error 400: updatedsince is not a valid date")),
    "v1-400-contact-xml": (
        CASES["v1-400-contact-xml"],
        lambda: v1("POST", "/contacts", 400, "Error 400: Unknown element <emailaddress> in Contact")),
    "v2-415-content-type": (
        CASES["v2-415-content-type"],
        lambda: api_json("POST", f"{V2}/contacts?api_key=k", 415, "", headers=[("Content-Type", "text/plain")])),
    "v3-415-content-type": (
        CASES["v3-415-content-type"],
        lambda: api_json("POST", f"{V3}/contacts", 415, "", headers=[("Content-Type", "application/xml")])),
}


def _top(exchange: Exchange) -> tuple[str, float, tuple[str, ...], str]:
    ranked = explain(exchange)
    assert ranked, "nothing matched"
    assert len(ranked) == 1 or ranked[0].score > ranked[1].score, [(e.article_id, e.score) for e in ranked[:3]]
    return ranked[0].article_id, ranked[0].score, tuple(a.name for a in ranked[0].actions), ranked[0].cause


@pytest.mark.parametrize("label", sorted(PAIRS))
@pytest.mark.parametrize("with_body", [True, False], ids=["with-body", "without-body"])
def test_article_ranks_first_with_and_without_the_body(label: str, with_body: bool) -> None:
    article = label.split(" ")[0]
    exchange = PAIRS[label][0 if with_body else 1]()
    assert bool(exchange.request.body) is with_body
    found, _score, _actions, cause = _top(exchange)
    assert found == article
    assert "{" not in cause.replace("{{", "")
    assert "your body" not in cause.lower() or with_body, cause


def test_the_body_is_a_boost_not_a_requirement() -> None:
    for label, (with_body, without) in PAIRS.items():
        assert _top(with_body())[1] >= _top(without())[1], label


@pytest.mark.parametrize("status, content_type, action", [
    (415, "application/xml", "set-atom-content-type"), (415, "text/xml", "set-atom-content-type"),
])
def test_the_content_type_action_is_offered_without_a_body(status: int, content_type: str, action: str) -> None:
    found, _score, actions, cause = _top(v1("POST", "/contacts", status, "", content_type=content_type))
    assert found == "v1-415-content-type" and action in actions
    assert content_type in cause and "application/atom+xml" in cause
    v2 = _top(api_json("POST", f"{V2}/contacts?api_key=k", 415, "", headers=[("Content-Type", "text/plain")]))
    assert "set-json-content-type" in v2[2]


def test_a_datetime_in_the_query_is_named() -> None:
    cause = _top(PAIRS["v1-400-datetime-plus-space"][1]())[3]
    assert "2010-09-28T05:22:42 01:00" in cause and "%2B" in cause and "In the body" not in cause
    with_body = _top(CASES["v1-400-datetime-plus-space"]())[3]
    assert "In the body" in with_body and "query" not in with_body


def test_a_415_without_content_type_or_body_stays_generic() -> None:
    """Nothing says the Content-Type was wrong: no header, no body."""
    found = _top(v1("POST", "/contacts", 415, ""))[0]
    assert found != "v1-415-content-type"
