"""The authorization endpoints: the sandbox plays the Constant Contact login and consent page.

A browser gets an HTML form; automation adds ``sandbox_user``, ``sandbox_password`` and
``sandbox_decision`` to the query and gets the 302 directly. The redirect_uri must match the
registered one exactly, or there is no redirect at all (E19).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlencode

from werkzeug.wrappers import Request, Response

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.db import Database
from ctct_desktop.sandbox.oauth_tokens import CODE_SECONDS, V1_TOKEN_SECONDS, store


@dataclass(frozen=True)
class Client:
    client_id: str
    redirect_uri: str
    response_types: tuple[str, ...]


CLIENTS = {
    "v1": Client(demo.OAUTH_CLIENT_ID, demo.OAUTH_REDIRECT_URI, ("code", "token")),
    "v3": Client(demo.V3_CLIENT_ID, demo.V3_REDIRECT_URI, ("code",)),
}
_OAUTH_PARAMS = ("response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge",
                 "code_challenge_method", "oauthSignup", "newUser")


def _page(title: str, body: str, status: int) -> Response:
    document = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
                f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>")
    return Response(document, status=status, content_type="text/html; charset=utf-8")


def _error_page(error: str, message: str) -> Response:
    body = f"<p>{html.escape(message)}</p><p>error={html.escape(error)}</p>"
    return _page("Invalid redirect" if error == "redirect_uri_mismatch" else "Authorization error", body, 400)


def _login_form(params: dict[str, str], path: str, problem: str | None, status: int) -> Response:
    hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                     for k, v in params.items() if k in _OAUTH_PARAMS)
    note = f'<p role="alert">{html.escape(problem)}</p>' if problem else ""
    body = (f"<p>Sandbox login for the demo account. The application "
            f"<b>{html.escape(params.get('client_id', ''))}</b> asks to access your Constant Contact data.</p>"
            f"{note}<form method=\"post\" action=\"{html.escape(path)}\">{hidden}"
            f"<label>Username <input name=\"username\" autocomplete=\"username\"></label> "
            f"<label>Password <input name=\"password\" type=\"password\"></label> "
            f"<button name=\"decision\" value=\"allow\">Allow</button> "
            f"<button name=\"decision\" value=\"deny\">Deny</button></form>")
    return _page("Constant Contact sandbox: sign in", body, status)


def _redirect(target: str) -> Response:
    response = Response(status=302)
    response.headers["Location"] = target
    response.headers["Cache-Control"] = "no-store"
    return response


def _with_state(pairs: list[tuple[str, str]], params: dict[str, str]) -> str:
    return urlencode([*pairs, ("state", params.get("state", ""))])


def authorize(request: Request, db: Database, flavour: str) -> Response:
    params = {k: v for k, v in request.args.items()}
    params.update({k: v for k, v in request.form.items()})
    client = CLIENTS[flavour]
    if params.get("client_id") != client.client_id:
        return _error_page("invalid_client", f"Unknown client_id '{params.get('client_id', '')}'.")
    redirect_uri = params.get("redirect_uri", "")
    if redirect_uri != client.redirect_uri:
        return _error_page("redirect_uri_mismatch",
                           "The redirect_uri does not match the URI registered for this client.")
    response_type = params.get("response_type", "")
    if response_type not in client.response_types:
        return _redirect(f"{redirect_uri}?{_with_state([('error', 'unsupported_response_type')], params)}")
    if flavour == "v3" and params.get("code_challenge") and params.get("code_challenge_method") != "S256":
        return _redirect(f"{redirect_uri}?{_with_state([('error', 'invalid_request'), ('error_description', 'code_challenge_method must be S256.')], params)}")
    decision = params.get("sandbox_decision") or params.get("decision")
    if decision not in ("allow", "deny"):
        return _login_form(params, request.path, None, 200)
    user = params.get("sandbox_user", params.get("username", ""))
    password = params.get("sandbox_password", params.get("password", ""))
    if decision == "deny":
        denied = [("error", "access_denied"), ("error_description", "User denied authentication.")]
        return _redirect(f"{redirect_uri}?{_with_state(denied, params)}")
    if user.lower() != demo.DEMO_USERNAME or password != demo.DEMO_PASSWORD:
        return _login_form(params, request.path, "Invalid username or password.", 401)
    return _grant(db, flavour, response_type, params)


def _grant(db: Database, flavour: str, response_type: str, params: dict[str, str]) -> Response:
    redirect_uri = params["redirect_uri"]
    if response_type == "token":
        token = store(db, "v1access", params["client_id"], V1_TOKEN_SECONDS, {})
        fragment = _with_state([("access_token", token), ("token_type", "Bearer"),
                                ("expires_in", str(V1_TOKEN_SECONDS)), ("username", demo.DEMO_USERNAME)], params)
        return _redirect(f"{redirect_uri}#{fragment}")
    data = {"flavour": flavour, "redirect_uri": redirect_uri, "scope": params.get("scope", ""),
            "code_challenge": params.get("code_challenge", "")}
    code = store(db, "code", params["client_id"], CODE_SECONDS, data)
    return _redirect(f"{redirect_uri}?{_with_state([('code', code), ('username', demo.DEMO_USERNAME)], params)}")
