"""The browser, played with httpx: follow the authorize redirect to the loopback listener.

For the client flow it does what the listener's page script does: keeps the fragment (which a
browser never sends), loads the page, and POSTs the fragment back to the same path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx


@dataclass
class PlayedBrowser:
    """An opener for SignIn: records what it saw; returns True like webbrowser.open."""

    extra: str = ""  # appended to the authorize URL, e.g. sandbox automation parameters
    visited: list[str] = field(default_factory=list)
    pages: list[httpx.Response] = field(default_factory=list)

    def __call__(self, url: str) -> bool:
        url = url + self.extra
        self.visited.append(url)
        with httpx.Client(trust_env=False, timeout=10) as client:
            first = client.get(url)
            self.pages.append(first)
            location = first.headers.get("location")
            if first.status_code not in (301, 302, 303, 307) or not location:
                return True
            self.visited.append(location)
            before, _, fragment = location.partition("#")
            page = client.get(before)
            self.pages.append(page)
            if fragment:
                assert "location.hash" in page.text, "the callback page must hand the fragment back"
                path = urlsplit(before).path
                target = f"{urlsplit(before).scheme}://{urlsplit(before).netloc}{path}"
                self.pages.append(client.post(target, content=fragment,
                                              headers={"Content-Type": "application/x-www-form-urlencoded"}))
        return True
