"""The account manager dialog, the account editor and the OAuth sign-in dialog."""

from __future__ import annotations

from ctct_desktop.ui.accounts_view.dialog import AccountsDialog
from ctct_desktop.ui.accounts_view.editor import AccountEditor
from ctct_desktop.ui.accounts_view.signin_dialog import SignInDialog

__all__ = ["AccountEditor", "AccountsDialog", "SignInDialog"]
