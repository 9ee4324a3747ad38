"""Error responses the way the v1 API wrote them: plain text ``Error NNN: message``.

Handlers raise ``ApiError``; the app turns it into a response. The exact texts of the reference
(E1, E2, E3) live here so every module uses the same words.
"""

from __future__ import annotations

from werkzeug.wrappers import Response

ATOM_SECTIONS = (
    "The request contains errors in the common Atom sections, which lie outside <entry> or "
    "<Content>, such as <feed>, <id>, <author> or <updated>."
)

HTML_403_SCOPE = """<html><head><title>JBoss Web - Error report</title></head><body>
<h1>HTTP Status 403 - Access is denied</h1><hr/>
<p><b>type</b> Status report</p>
<p><b>message</b> Access is denied</p>
<p><b>description</b> Access to the specified resource (Access is denied) has been forbidden.
This API key is not approved for campaign scheduling.</p>
<hr/><h3>JBoss Web</h3></body></html>
"""

HTML_403_APACHE = """<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>403 Forbidden</title>
</head><body>
<h1>Forbidden</h1>
<p>You don't have permission to access / on this server.</p>
</body></html>
"""


class ApiError(Exception):
    """An error answer: status, plain-text message (without the ``Error NNN:`` prefix)."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None,
                 html: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.html = html

    def to_response(self) -> Response:
        if self.html is not None:
            response = Response(self.html, status=self.status, content_type="text/html; charset=utf-8")
        else:
            body = f"Error {self.status}: {self.message}"
            response = Response(body, status=self.status, content_type="text/plain; charset=utf-8")
        for name, value in self.headers.items():
            response.headers[name] = value
        return response


def atom_sections(detail: str = "") -> ApiError:
    """E1, optionally followed by a sentence saying exactly what was wrong."""
    return ApiError(400, f"{ATOM_SECTIONS} {detail}".rstrip())


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def invalid_email(address: str) -> ApiError:
    """E3, with the address as received."""
    return ApiError(400, f"The provided email address {address} was not valid")


def opted_out_transition(contact_id: int) -> ApiError:
    """E2: re-activating a Do Not Mail contact on the owner's behalf."""
    return ApiError(
        400,
        f"Update failed: Existing person {contact_id}:1 has an invalid state: Status transition "
        "from O to S is not allowed when action by owner and confirm opt in is off",
    )


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} was not found.")


def unsupported_method(method: str, path: str) -> ApiError:
    return ApiError(415, f"The method {method} is not supported on {path}.")


def unsupported_media(expected: str, got: str) -> ApiError:
    shown = got or "none"
    return ApiError(415, f"The Content-Type must be {expected}; the request sent {shown}.")


def conflict(message: str) -> ApiError:
    return ApiError(409, message)


def schedule_forbidden() -> ApiError:
    """E12: scheduling without approval is an HTML page from the container, not an API error."""
    return ApiError(403, "Access is denied", html=HTML_403_SCOPE,
                    headers={"WWW-Authenticate": "Bearer error='insufficient_scope'"})
