"""The casebook's five tickets (T1-T5) as failing and fixed requests; bodies in fixtures/."""

from __future__ import annotations

from pathlib import Path

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "{{base_url}}"
ATOM = (Header("Content-Type", "application/atom+xml"),)
V1_AUTH = Auth(AuthKind.CTCT_BASIC, "joesflowers", "{{password}}", "{{api_key}}")


def body(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def _xml(method: str, path: str, name: str) -> RequestModel:
    return RequestModel(method, f"{BASE}{path}", ATOM, body(name), BodyKind.XML, V1_AUTH)


CASES: dict[str, tuple[RequestModel, RequestModel]] = {
    "T1": (_xml("PUT", "/campaigns/1", "T1-failing.xml"), _xml("PUT", "/campaigns/1", "T1-fixed.xml")),
    # The PHP paste: an empty URL, "key%usernamepassword" (no colon), an array body sent as
    # multipart while the header claims Atom.
    "T2": (RequestModel("POST", "", ATOM, body("T2-failing.txt"), BodyKind.TEXT,
                        Auth(AuthKind.BASIC, "key%usernamepassword", "")),
           RequestModel("POST", f"{BASE}/activities", (Header("Content-Type", "application/x-www-form-urlencoded"),),
                        body("T2-fixed.txt"), BodyKind.FORM, V1_AUTH)),
    "T3": (_xml("POST", "/campaigns", "T3-failing.xml"), _xml("POST", "/campaigns", "T3-fixed.xml")),
    "T4": (_xml("PUT", "/contacts/391", "T4-failing.xml"), _xml("PUT", "/contacts/391", "T4-fixed.xml")),
    "T5": (_xml("POST", "/contacts", "T5-failing.xml"), _xml("PUT", "/contacts/2", "T5-fixed.xml")),
}
# T5's search: a raw + in the query is a space to the server, so the removed contact was not found.
T5_SEARCH = (RequestModel("GET", f"{BASE}/contacts?email=joe+roses@example.com", auth=V1_AUTH),
             RequestModel("GET", f"{BASE}/contacts?email=joe%2Broses%40example.com", auth=V1_AUTH))
