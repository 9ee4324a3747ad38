"""Sign-in failures as data: a stable code, a title and plain words that say how to fix it.

Nothing here raises; the UI and CLI show ``title`` and ``message`` (reference E19, E20).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OAuthError:
    code: str  # stable id: redirect_uri_mismatch, access_denied, timeout, cancelled, ...
    title: str
    message: str
    sent_redirect_uri: str = ""
    detail: str = ""  # what the server said, secrets already removed


def redirect_mismatch(sent_redirect_uri: str, client_id: str, detail: str = "") -> OAuthError:
    return OAuthError(
        "redirect_uri_mismatch",
        "The redirect URI is not the one registered for this client",
        "The authorization server refused the redirect URI (redirect_uri_mismatch / \"Invalid redirect\").\n"
        f"  Sent:              {sent_redirect_uri}\n"
        f"  Must be registered: {sent_redirect_uri}  (for client id {client_id})\n"
        "Register exactly this URI for the API key (scheme, host, port and path must match; "
        "http://127.0.0.1 is allowed), or change the redirect URI here to the registered one.",
        sent_redirect_uri, detail)


def access_denied(description: str = "") -> OAuthError:
    said = f" The server said: \"{description}\"." if description else ""
    return OAuthError(
        "access_denied", "Access was denied",
        "The account owner clicked Deny (or closed the consent page), so no token was issued."
        f"{said} Start the sign-in again and choose Allow; check that you are signed in to the right "
        "Constant Contact account.", detail=description)


def server_error(code: str, description: str, sent_redirect_uri: str = "") -> OAuthError:
    said = f": {description}" if description else ""
    return OAuthError(code or "server_error", "The authorization server returned an error",
                      f"The authorization server answered '{code}'{said}. Start the sign-in again; "
                      "if it keeps failing, check the client id and its settings.",
                      sent_redirect_uri, description)


def timeout(seconds: float, sent_redirect_uri: str, forged_seen: bool) -> OAuthError:
    forged = (" A callback with the wrong 'state' value arrived and was ignored (it did not come from "
              "this sign-in)." if forged_seen else "")
    return OAuthError(
        "timeout", "No answer from the browser",
        f"No redirect reached {sent_redirect_uri} within {seconds:g} seconds.{forged} If the browser shows "
        "'redirect_uri_mismatch' or 'Invalid redirect', register exactly this redirect URI for the client; "
        "otherwise finish the sign-in in the browser sooner or start again.", sent_redirect_uri)


def cancelled() -> OAuthError:
    return OAuthError("cancelled", "Sign-in cancelled", "The sign-in was cancelled; no token was stored.")


def port_in_use(redirect_uri: str, detail: str) -> OAuthError:
    return OAuthError(
        "port_in_use", "The redirect port is busy",
        f"Cannot listen for the redirect at {redirect_uri}: {detail}. Close the program using that port "
        "(another sign-in may still be waiting) and try again.", redirect_uri, detail)


def bad_redirect_uri(redirect_uri: str, reason: str) -> OAuthError:
    return OAuthError(
        "invalid_redirect_uri", "This redirect URI cannot be received here",
        f"{reason} The app receives the sign-in on a loopback address, so the registered redirect URI "
        f"must look like http://127.0.0.1:8765/oauth/callback (got {redirect_uri!r}).", redirect_uri)


def network(url: str, message: str) -> OAuthError:
    return OAuthError("network", "The authorization server could not be reached",
                      f"{message} (while contacting {url}).", detail=message)


def token_refused(status: int, code: str, description: str) -> OAuthError:
    hint = {
        "invalid_grant": "The code or refresh token was used already, expired or was revoked; sign in again.",
        "invalid_client": "The client id or client secret is wrong.",
        "redirect_uri_mismatch": "The redirect URI in the token request differs from the authorize request.",
    }.get(code, "Check the client id and secret, then sign in again.")
    said = f" ({description})" if description else ""
    return OAuthError(code or f"http_{status}", "The token request was refused",
                      f"The token endpoint answered {status} '{code or 'error'}'{said}. {hint}",
                      detail=description)


def bad_token_reply(status: int, reason: str) -> OAuthError:
    return OAuthError("invalid_response", "The token reply could not be understood",
                      f"The token endpoint answered {status} but {reason}.", detail=reason)
