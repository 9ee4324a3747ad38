"""Store what a sign-in granted as an account (secrets to the keyring, the rest to accounts.json)."""

from __future__ import annotations

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountError, AccountKind, AccountSecrets
from ctct_desktop.credentials.oauth.signin import FlowKind, SignInRequest
from ctct_desktop.credentials.oauth.tokens import TokenGrant


def account_for_grant(name: str, request: SignInRequest, grant: TokenGrant,
                      api_version: str = "v1") -> tuple[Account, AccountSecrets]:
    """The account a grant becomes: v3 keeps client id and refresh token; v2 keeps the API key."""
    if request.flow is FlowKind.V3_PKCE:
        account = Account(name=name, kind=AccountKind.V3, client_id=request.client_id,
                          expires_at=grant.expires_at, api_version="v3", auth_server=request.server.root,
                          scope=grant.scope or request.scope, username=grant.username)
        return account, AccountSecrets(access_token=grant.access_token, refresh_token=grant.refresh_token,
                                       client_secret=request.client_secret)
    if api_version == "v2":
        account = Account(name=name, kind=AccountKind.V2, username=grant.username,
                          expires_at=grant.expires_at, api_version="v2")
        return account, AccountSecrets(api_key=request.client_id, access_token=grant.access_token)
    if api_version != "v1":
        raise AccountError(f"API version {api_version!r} is not one of v1, v2 for this sign-in.")
    account = Account(name=name, kind=AccountKind.OAUTH2_TOKEN, username=grant.username,
                      expires_at=grant.expires_at, api_version="v1")
    return account, AccountSecrets(access_token=grant.access_token)


def save_grant(manager: AccountManager, name: str, request: SignInRequest, grant: TokenGrant,
               api_version: str = "v1") -> Account:
    """Add the account, or replace an existing one of that name (signing in again)."""
    account, secrets = account_for_grant(name, request, grant, api_version)
    if manager.find(name) is not None:
        return manager.update(account, secrets)
    return manager.add(account, secrets)
