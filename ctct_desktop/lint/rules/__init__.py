"""Rule modules; importing this package registers every rule with the registry."""

from __future__ import annotations

from ctct_desktop.lint.rules import (  # noqa: F401 - imported for their registrations
    activities,
    atom,
    campaign,
    contact,
    content,
    datetimes,
    elements,
    http,
    json_body,
    multipart,
    pasted,
    url,
    usernames,
    variables,
    wellformed,
)
