"""Where a v1 list URI may point: the server's own ids, or the same path on the local sandbox.

The server's ids read ``http://api.constantcontact.com/ws/customers/{user}/lists/{n}``. A body built
from an environment's ``{{base_url}}`` names ``https://api.constantcontact.com/…`` in production and
the sandbox's loopback address locally (``http://127.0.0.1:8089/ws/customers/…``), so a request that
works in one environment works in the other. The linter and the sandbox both read list URIs through
this one definition: what one accepts, the other does.
"""

from __future__ import annotations

import re

# scheme and authority of a list URI: the API's host, or a loopback one (with any port)
LIST_URI_ORIGIN = r"https?://(?:api\.constantcontact\.com|(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?)"


def list_uri_pattern(account_path: str, key: str = r"[^/]+") -> re.Pattern[str]:
    """A whole list URI of the account at ``account_path`` (``/ws/customers/joesflowers``); group 1
    is the list's key, as ``key`` matches it (a number, or a system list's name)."""
    return re.compile(rf"^{LIST_URI_ORIGIN}{re.escape(account_path)}/lists/({key})$")
