"""One-click fixes offered by articles. Each builds a NEW RequestModel for the editor and never
sends anything; the user reviews the change (undoable in the editor) and sends it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.explain.keep_variables import keep_variables
from ctct_desktop.explain.contact_update import (
    ContactUpdateError,
    contact_detail_request,
    has_list_memberships,
    update_from_search,
)

__all__ = ["ActionResult", "ActionSpec", "ContactUpdateError", "available_actions", "continue_find_and_update",
           "contact_detail_request", "run_action", "update_from_search"]


@dataclass(frozen=True)
class ActionResult:
    request: RequestModel
    note: str  # what changed, or why nothing could change
    follow_up: str | None = None  # the next step's name, when the fix takes several sends
    applied: bool = True  # False when the action could not apply; request is then the original


@dataclass(frozen=True)
class ActionSpec:
    name: str
    label: str
    description: str
    applies: Callable[[Exchange], bool]
    run: Callable[[Exchange], ActionResult]


def unchanged(exchange: Exchange, note: str) -> ActionResult:
    return ActionResult(exchange.request, note, None, applied=False)


@lru_cache(maxsize=1)
def available_actions() -> dict[str, ActionSpec]:
    """Every action by name (the knowledge base may only name these)."""
    from ctct_desktop.explain.action_catalog import catalog

    return {spec.name: spec for spec in catalog()}


def _as_written(result: ActionResult, like: Exchange | None) -> ActionResult:
    """The built request with the variables of the request it came from (see keep_variables)."""
    if like is None or like.written is None or not result.applied:
        return result
    return replace(result, request=keep_variables(result.request, like.written, like.request))


def run_action(name: str, exchange: Exchange) -> ActionResult:
    """Build the fixed request, ``{{variables}}`` kept as written. Never raises: an unknown or
    inapplicable action returns the original request with ``applied=False`` and a note saying why."""
    return _as_written(_run_action(name, exchange), exchange)


def _run_action(name: str, exchange: Exchange) -> ActionResult:
    spec = available_actions().get(name)
    if spec is None:
        return unchanged(exchange, f"There is no action named '{name}'.")
    try:
        if not spec.applies(exchange):
            return unchanged(exchange, f"“{spec.label}” does not apply to this request.")
        return spec.run(exchange)
    except ValueError as exc:  # the contact-update steps explain themselves with ValueError
        return unchanged(exchange, str(exc))


def continue_find_and_update(original: RequestModel, response_body: bytes,
                             like: Exchange | None = None) -> ActionResult:
    """Step 2 of "Find and update this contact"; ``like`` is the exchange that got
    ``response_body``, whose written request gives the variables the built one keeps."""
    return _as_written(_continue_find_and_update(original, response_body), like)


def _continue_find_and_update(original: RequestModel, response_body: bytes) -> ActionResult:
    """Step 2 of "Find and update this contact", given the body of the last response.

    A search summary (no list memberships) yields the GET of the full contact, with this same
    step as follow-up; a full contact yields the PUT with the lists merged. ``original`` is the
    request that got the 409. Never raises.
    """
    try:
        if not has_list_memberships(response_body):
            request = contact_detail_request(original, response_body)
            return ActionResult(request, "Step 2 of 3: send this GET to read the contact's current lists; "
                                "then use “Update from search” again.", "update-from-search")
        request = update_from_search(original, response_body)
    except ContactUpdateError as exc:
        return ActionResult(original, str(exc), None, applied=False)
    return ActionResult(request, "Last step: review the PUT (your fields applied, the contact's lists kept and "
                        "yours added) and send it.")
