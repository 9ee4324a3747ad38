"""OAuth 2.0 sign-in the way Constant Contact does it: v1/v2 server and client flows, v3 PKCE.

No Qt here: the sign-in runs blocking in a worker thread and can be cancelled from another.
"""
