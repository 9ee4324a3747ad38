"""Accounts over the OS keyring, and OAuth 2.0 sign-in. No Qt.

How each secret is stored: every secret is one keyring entry under service ``ctct-desktop``
with the entry name (keyring "username") ``account/{account name}/{field}``, where field is
``api_key``, ``password``, ``access_token``, ``refresh_token`` or ``client_secret``. Everything
else about an account (name, kind, username, client id, expiry, API version, authorization
server, scope) is in ``accounts.json`` in the config folder. Without a keyring the secrets stay
in memory for the session and the accounts are marked not saved; nothing falls back to a file.
"""
