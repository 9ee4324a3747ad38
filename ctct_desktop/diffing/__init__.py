"""Compare good with bad: two requests, exchanges or bodies as a ranked list of differences.

No Qt. Bodies compare as structure (XML through xmldiff on the hardened parser, JSON and forms
by key), so indentation, attribute order and header order are not differences; what the v1 API
cares about ranks first and names the lint rule and knowledge-base article (by id) that explain it.
"""

from __future__ import annotations

from ctct_desktop.core.models import RequestModel
from ctct_desktop.diffing.bodies import body_differences
from ctct_desktop.diffing.exchange_diff import exchange_differences, response_differences
from ctct_desktop.diffing.model import Difference, ranked
from ctct_desktop.diffing.request_diff import request_differences


def diff_requests(a: RequestModel, b: RequestModel) -> list[Difference]:
    return ranked(request_differences(a, b))


def diff_bodies(a: str, b: str, content_type_a: str = "", content_type_b: str = "") -> list[Difference]:
    return ranked(body_differences(a, b, content_type_a, content_type_b))


__all__ = ["Difference", "body_differences", "diff_bodies", "diff_requests", "exchange_differences", "ranked",
           "request_differences", "response_differences"]
