"""OAuth 2.0 tokens: the store shared by both authorization servers, the token and tokeninfo
endpoints (v1-era §2.2 and v3-style §13), and the Bearer check used by the v1 API paths."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Mapping

from werkzeug.wrappers import Request, Response

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.authorization import basic_credentials, split_header
from ctct_desktop.sandbox.db import Database
from ctct_desktop.sandbox.quirks import Quirks

V1_TOKEN_SECONDS = 315_359_999  # about ten years: v1 tokens were long-lived, with no refresh token
CODE_SECONDS = 600
ACCESS_KINDS = ("v1access", "v3access")


class OAuthError(Exception):
    """A JSON error answer of a token endpoint."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error, self.description, self.status = error, description, status

    def to_response(self) -> Response:
        return json_response({"error": self.error, "error_description": self.description}, self.status)


def json_response(data: dict[str, object], status: int = 200) -> Response:
    response = Response(json.dumps(data), status=status, content_type="application/json;charset=UTF-8")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


def store(db: Database, kind: str, client_id: str, lifetime: float | None, data: Mapping[str, object]) -> str:
    token = secrets.token_urlsafe(24)
    expires = time.time() + lifetime if lifetime is not None else None
    with db.write() as conn:
        conn.execute("INSERT INTO tokens(token, kind, client_id, username, expires_at, data) VALUES(?, ?, ?, ?, ?, ?)",
                     (token, kind, client_id, demo.DEMO_USERNAME, expires, json.dumps(data)))
    return token


def take(db: Database, token: str, kinds: tuple[str, ...], *, consume: bool) -> dict[str, object] | None:
    """A live token's record (optionally deleting it, for one-time codes and rotated refresh tokens)."""
    marks = ",".join("?" * len(kinds))
    with db.write() as conn:
        row = conn.execute(f"SELECT * FROM tokens WHERE token=? AND kind IN ({marks})", (token, *kinds)).fetchone()
        if row is None:
            return None
        if consume or (row["expires_at"] is not None and row["expires_at"] < time.time()):
            conn.execute("DELETE FROM tokens WHERE token=?", (token,))
    if row["expires_at"] is not None and row["expires_at"] < time.time():
        return None
    return {"client_id": row["client_id"], "username": row["username"], "kind": row["kind"],
            "expires_at": row["expires_at"], **json.loads(row["data"])}


def bearer_user(db: Database, token: str) -> str | None:
    """The account a Bearer token grants, or None when unknown or expired."""
    record = take(db, token, ACCESS_KINDS, consume=False)
    return str(record["username"]) if record else None


def _params(request: Request) -> dict[str, str]:
    """Parameters from the query string or the form body (v1 clients used the query string)."""
    values = {k: v for k, v in request.args.items()}
    values.update({k: v for k, v in request.form.items()})
    return values


def _redeem_code(db: Database, params: dict[str, str], flavour: str) -> dict[str, object]:
    code = params.get("code", "")
    record = take(db, code, ("code",), consume=True) if code else None
    if record is None or record.get("flavour") != flavour or record["client_id"] != params.get("client_id"):
        raise OAuthError("invalid_grant", "The authorization code is invalid, expired or already used.")
    if params.get("redirect_uri") != record["redirect_uri"]:
        raise OAuthError("redirect_uri_mismatch", "redirect_uri must match the one used to authorize.")
    return record


def v1_token(request: Request, db: Database) -> Response:
    params = _params(request)
    if params.get("grant_type") != "authorization_code":
        raise OAuthError("unsupported_grant_type", "grant_type must be authorization_code.")
    if params.get("client_id") != demo.OAUTH_CLIENT_ID or params.get("client_secret") != demo.OAUTH_CLIENT_SECRET:
        raise OAuthError("invalid_client", "Unknown client_id or wrong client_secret.")
    _redeem_code(db, params, "v1")
    token = store(db, "v1access", demo.OAUTH_CLIENT_ID, V1_TOKEN_SECONDS, {})
    return json_response({"access_token": token, "expires_in": str(V1_TOKEN_SECONDS), "token_type": "Bearer"})


def tokeninfo(request: Request, db: Database) -> Response:
    token = _params(request).get("access_token", "")
    record = take(db, token, ACCESS_KINDS, consume=False) if token else None
    if record is None:
        raise OAuthError("invalid_token", "The access token is unknown or expired.")
    remaining = int(float(record["expires_at"] or 0) - time.time())  # type: ignore[arg-type]
    return json_response({"client_id": record["client_id"], "user_name": record["username"],
                          "expires_in": max(remaining, 0)})


def _v3_client(request: Request, params: dict[str, str]) -> str:
    """client_id from the form or HTTP Basic; a client_secret, when sent, must be the sandbox one."""
    client_id, secret = params.get("client_id"), params.get("client_secret")
    header = request.headers.get("Authorization", "")
    if split_header(header)[0] == "basic":
        client_id, secret = basic_credentials(header) or ("", "")  # undecodable: an unknown client
    if client_id != demo.V3_CLIENT_ID or secret not in (None, "", demo.OAUTH_CLIENT_SECRET):
        raise OAuthError("invalid_client", "Unknown client_id or wrong client_secret.")
    return client_id


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def v3_token(request: Request, db: Database, quirks: Quirks) -> Response:
    params = _params(request)
    client_id = _v3_client(request, params)
    params["client_id"] = client_id
    grant = params.get("grant_type")
    if grant == "authorization_code":
        record = _redeem_code(db, params, "v3")
        challenge = record.get("code_challenge")
        if challenge and pkce_challenge(params.get("code_verifier", "")) != challenge:
            raise OAuthError("invalid_grant", "PKCE verification failed: code_verifier does not match code_challenge.")
        scope = str(record.get("scope", ""))
    elif grant == "refresh_token":
        refresh_token = params.get("refresh_token", "")
        rotated = take(db, refresh_token, ("v3refresh",), consume=True) if refresh_token else None
        if rotated is None or rotated["client_id"] != client_id:
            raise OAuthError("invalid_grant", "The refresh token is invalid or was already used.")
        scope = str(rotated.get("scope", ""))
    else:
        raise OAuthError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token.")
    ttl = quirks.number("token_ttl_seconds")
    access = store(db, "v3access", client_id, ttl, {"scope": scope})
    refresh = store(db, "v3refresh", client_id, None, {"scope": scope})
    return json_response({"access_token": access, "refresh_token": refresh, "token_type": "Bearer",
                          "expires_in": ttl, "scope": scope})
