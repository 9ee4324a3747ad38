"""OrganizationState: the linter (L015) and the sandbox give the same verdict on the same campaign.

Support's answer in T3 (a campaign with neither OrganizationState nor OrganizationCountry) was
that OrganizationState "is required"; S8's client validation requires it, as a code of that
country, for US and CA. So: required when the country is US, CA or absent; with no country an
OrganizationInternationalState stands in for it; a code is checked only against US or CA.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.lint import Severity, lint_request
from tests.sandbox.sandbox_helpers import ATOM_HEADERS, BASIC, campaign_fields, campaign_xml

# (OrganizationCountry, OrganizationState, OrganizationInternationalState) -> accepted?
CASES: list[tuple[str | None, str | None, str | None, bool]] = [
    ("US", None, None, False),
    ("CA", None, None, False),
    (None, None, None, False),  # T3: "OrganizationState is required"
    ("", "", "", False),  # empty elements are absent
    (None, None, "Yorkshire", True),
    ("GB", None, None, True),
    ("GB", None, "Yorkshire", True),
    ("US", "MA", None, True),
    ("us", "ma", None, True),
    ("US", "ON", None, False),  # a province is not a US state
    ("CA", "ON", None, True),
    ("CA", "MA", None, False),
    (None, "MA", None, True),
    (None, "Bavaria", None, True),  # no country: nothing to check the code against
    ("US", None, "Massachusetts", False),  # the US needs a state code
]


def _body(country: str | None, state: str | None, international: str | None) -> str:
    return campaign_xml(campaign_fields(OrganizationCountry=country, OrganizationState=state,
                                        OrganizationInternationalState=international))


@pytest.mark.parametrize("country, state, international, accepted", CASES)
def test_linter_and_sandbox_agree_on_organization_state(sandbox: Any, country: str | None, state: str | None,
                                                        international: str | None, accepted: bool) -> None:
    body = _body(country, state, international)
    url = f"{sandbox.account_url}/campaigns"
    request = RequestModel(method="POST", url=url, headers=(Header("Content-Type", "application/atom+xml"),),
                           body=body, body_kind=BodyKind.XML,
                           auth=Auth(AuthKind.BASIC, username=BASIC[0], password=BASIC[1]))
    errors = [d for d in lint_request(request) if d.severity is Severity.ERROR]
    answer = httpx.post(url, content=body, headers=ATOM_HEADERS, auth=BASIC)
    assert (errors == []) is accepted, [(d.code, d.message) for d in errors]
    assert (answer.status_code == 201) is accepted, answer.text
    if not accepted:
        assert [d.code for d in errors] == ["L015"]
        assert answer.status_code == 400 and "OrganizationState" in answer.text
