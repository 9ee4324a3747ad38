"""The sandbox's own endpoints (not part of the Constant Contact API): quirks and reset.

admin_guard decides who may call them; these functions assume the caller passed.
"""

from __future__ import annotations

import json

from werkzeug.wrappers import Request, Response

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.db import Database
from ctct_desktop.sandbox.quirks import SPECS, QuirkError, Quirks, defaults
from ctct_desktop.sandbox.seed import seed


def _json(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data, indent=2, sort_keys=True) + "\n", status=status,
                    content_type="application/json")


def refused(reason: str) -> Response:
    """403 for an admin request that admin_guard turned away."""
    return _json({"error": reason}, 403)


def _state(quirks: Quirks) -> Response:
    return _json({"account": demo.DEMO_USERNAME, "quirks": quirks.snapshot(), "defaults": defaults(),
                  "help": {name: spec.help for name, spec in SPECS.items()}})


def quirks_endpoint(request: Request, quirks: Quirks) -> Response:
    """GET shows the set; PUT replaces it (missing names go back to defaults); PATCH merges."""
    if request.method in ("GET", "HEAD"):
        return _state(quirks)
    if request.method not in ("PUT", "PATCH"):
        return _json({"error": f"{request.method} is not supported here; use GET, PUT or PATCH."}, 405)
    try:
        data = json.loads(request.get_data(as_text=True) or "{}")
    except ValueError as exc:
        return _json({"error": f"The body is not JSON: {exc}"}, 400)
    if isinstance(data, dict) and isinstance(data.get("quirks"), dict):
        data = data["quirks"]
    if not isinstance(data, dict):
        return _json({"error": "Send a JSON object of quirk names and values."}, 400)
    try:
        quirks.replace(data, merge=request.method == "PATCH")
    except QuirkError as exc:
        return _json({"error": str(exc)}, 400)
    return _state(quirks)


def reset_endpoint(request: Request, db: Database) -> Response:
    """Reseed the demo account (quirks are configuration and stay)."""
    if request.method != "POST":
        return _json({"error": "Use POST to reset the sandbox data."}, 405)
    with db.write() as conn:
        db.recreate(conn)
        seed(conn)
    return _json({"reset": True, "account": demo.DEMO_USERNAME})
