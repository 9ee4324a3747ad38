"""Where the authorization servers live (reference §2.2 for v1/v2, §13 for v3).

One base URL per server; the sandbox serves both under its own base.
"""

from __future__ import annotations

from dataclasses import dataclass

LEGACY_SERVER = "https://oauth2.constantcontact.com"  # v1 and v2
V3_SERVER = "https://authz.constantcontact.com"
V3_DEFAULT_SCOPE = "contact_data campaign_data offline_access"  # offline_access: refresh tokens


@dataclass(frozen=True)
class OAuthServer:
    """An authorization server by base URL, e.g. the sandbox's ``http://127.0.0.1:PORT``."""

    base: str

    @property
    def root(self) -> str:
        return self.base.rstrip("/")

    @property
    def legacy_authorize(self) -> str:
        return f"{self.root}/oauth2/oauth/siteowner/authorize"

    @property
    def legacy_token(self) -> str:
        return f"{self.root}/oauth2/oauth/token"

    @property
    def tokeninfo(self) -> str:
        return f"{self.root}/oauth2/tokeninfo.htm"

    @property
    def v3_authorize(self) -> str:
        return f"{self.root}/oauth2/default/v1/authorize"

    @property
    def v3_token(self) -> str:
        return f"{self.root}/oauth2/default/v1/token"
