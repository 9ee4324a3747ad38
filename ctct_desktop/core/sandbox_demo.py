"""The seeded demo account and the sandbox OAuth clients: the values users type and templates use.

In core because the sandbox seeds them and the built-in "Sandbox (local)" environment offers them.

Everything here is sandbox-only; none of it works against the real Constant Contact API.
"""

from __future__ import annotations

DEMO_USERNAME = "joesflowers"
DEMO_API_KEY = "sandbox-api-key"
DEMO_PASSWORD = "sandbox-password"

OAUTH_CLIENT_ID = "sandbox-api-key"  # v1/v2 OAuth client_id is the API key
OAUTH_CLIENT_SECRET = "sandbox-client-secret"
OAUTH_REDIRECT_URI = "http://127.0.0.1:8765/oauth/callback"  # exact match only, like the real server

V3_CLIENT_ID = "sandbox-v3-client"
V3_REDIRECT_URI = OAUTH_REDIRECT_URI

ID_ROOT = "http://api.constantcontact.com"  # ids in XML use this absolute http form

# Stable ids created by the deterministic seed (seed.py asserts them).
SEED_LIST_ID = 1
SEED_ACTIVE_CONTACT_ID = 1
SEED_ACTIVE_CONTACT_EMAIL = "ada.abbott@example.com"
SEED_PLUS_CONTACT_ID = 2
SEED_PLUS_CONTACT_EMAIL = "joe+roses@example.com"
SEED_DNM_CONTACT_ID = 391
SEED_DNM_CONTACT_EMAIL = "kemi.dubois390@example.com"
SEED_OTHER_LIST_ID = 4  # a list the demo contact (id 1) is not on
SEED_DRAFT_CAMPAIGN_ID = 1
SEED_SENT_CAMPAIGN_ID = 2
SEED_SCHEDULED_CAMPAIGN_ID = 3
SEED_VERIFIED_EMAIL_ID = 1
SEED_VERIFIED_EMAIL = "joesflowers@example.com"
SEED_PENDING_EMAIL_ID = 2
SEED_PENDING_EMAIL = "newsletter@example.com"


def account_path(username: str = DEMO_USERNAME) -> str:
    """Root-relative account path, as used in link hrefs."""
    return f"/ws/customers/{username}"


def account_id_uri(username: str = DEMO_USERNAME) -> str:
    """Absolute http id prefix, as used in id attributes."""
    return f"{ID_ROOT}{account_path(username)}"


def sandbox_environment(base_url: str) -> dict[str, str]:
    """Variables of the built-in "Sandbox (local)" environment for a sandbox at ``base_url``."""
    host = base_url.rstrip("/")
    return {
        "base_url": f"{host}{account_path()}",
        "host": host,
        "username": DEMO_USERNAME,
        "api_key": DEMO_API_KEY,
        "password": DEMO_PASSWORD,
        "list_id": str(SEED_LIST_ID),
        "list_uri": f"{account_id_uri()}/lists/{SEED_LIST_ID}",
        "contact_id": str(SEED_ACTIVE_CONTACT_ID),
        "contact_email": SEED_ACTIVE_CONTACT_EMAIL,
        "dnm_contact_id": str(SEED_DNM_CONTACT_ID),
        "dnm_contact_email": SEED_DNM_CONTACT_EMAIL,
        "other_list_id": str(SEED_OTHER_LIST_ID),
        "campaign_id": str(SEED_DRAFT_CAMPAIGN_ID),
        "scheduled_campaign_id": str(SEED_SCHEDULED_CAMPAIGN_ID),
        "from_email_id": str(SEED_VERIFIED_EMAIL_ID),
        "from_email": SEED_VERIFIED_EMAIL,
        "oauth_client_id": OAUTH_CLIENT_ID,
        "oauth_client_secret": OAUTH_CLIENT_SECRET,
        "oauth_redirect_uri": OAUTH_REDIRECT_URI,
        "v3_client_id": V3_CLIENT_ID,
    }
