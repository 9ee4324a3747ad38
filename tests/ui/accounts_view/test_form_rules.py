"""The editor's rules on plain values: what each kind needs, and what "unchanged" keeps."""

from __future__ import annotations

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountKind, AccountSecrets
from ctct_desktop.ui.accounts_view import form_rules
from ctct_desktop.ui.accounts_view.form_rules import EditorValues

V1 = AccountKind.V1_BASIC


def _v1(name: str = "joe", username: str = "joesflowers", api_key: str = "key", password: str = "pw") -> EditorValues:
    return EditorValues(V1, name, username=username, secrets=AccountSecrets(api_key=api_key, password=password))


def test_a_complete_v1_basic_form_has_no_problems() -> None:
    assert form_rules.problems(_v1()) == {}


def test_v1_basic_needs_name_username_key_and_password() -> None:
    found = form_rules.problems(_v1(name="", username="", api_key="", password=""))
    assert set(found) == {"name", "username", "api_key", "password"}
    assert "required" in found["name"]


def test_percent_in_username_or_v1_api_key_is_refused() -> None:
    found = form_rules.problems(_v1(username="key%joesflowers", api_key="ab%c"))
    assert "apikey%username" in found["username"]
    assert "'%'" in found["api_key"]


def test_names_are_unique_ignoring_case_but_an_edit_may_keep_its_own() -> None:
    assert "already exists" in form_rules.problems(_v1(name="JOE"), ("joe",))["name"]
    original = Account("joe", V1, username="joesflowers")
    assert "name" not in form_rules.problems(_v1(name="Joe"), ("joe", "other"), original)
    assert "name" in form_rules.problems(_v1(name="other"), ("joe", "other"), original)


def test_empty_secrets_mean_unchanged_when_editing_the_same_kind() -> None:
    original = Account("joe", V1, username="joesflowers")
    values = _v1(api_key="", password="")
    assert form_rules.problems(values, ("joe",), original) == {}
    switched = EditorValues(AccountKind.V2, "joe", secrets=AccountSecrets())
    assert set(form_rules.problems(switched, ("joe",), original)) == {"access_token"}


def test_v3_needs_client_id_and_access_token_only() -> None:
    values = EditorValues(AccountKind.V3, "v3", client_id="", secrets=AccountSecrets())
    assert set(form_rules.problems(values)) == {"client_id", "access_token"}
    good = EditorValues(AccountKind.V3, "v3", client_id="cid", secrets=AccountSecrets(access_token="t"))
    assert form_rules.problems(good) == {}


def test_line_breaks_and_outer_spaces_in_secrets_are_refused() -> None:
    found = form_rules.problems(_v1(api_key="key\nmore", password=" pw"))
    assert "line break" in found["api_key"] and "space" in found["password"]


def test_fields_of_other_kinds_are_ignored() -> None:
    values = EditorValues(AccountKind.V2, "v2", username="has%percent",
                          secrets=AccountSecrets(api_key="k", access_token="t"))
    assert form_rules.problems(values) == {}
    assert form_rules.account_from(values).username == ""


def test_merge_keeps_stored_secrets_and_drops_those_the_new_kind_cannot_hold() -> None:
    stored = AccountSecrets(api_key="old-key", password="old-pw")
    same = form_rules.merged_secrets(_v1(api_key="", password="new-pw"), stored)
    assert (same.api_key, same.password) == ("old-key", "new-pw")
    v2 = EditorValues(AccountKind.V2, "joe", secrets=AccountSecrets(access_token="tok"))
    moved = form_rules.merged_secrets(v2, stored)
    assert (moved.api_key, moved.password, moved.access_token) == ("old-key", "", "tok")


def test_save_adds_then_updates_with_unchanged_secrets(saved_manager: AccountManager) -> None:
    added = form_rules.save(saved_manager, _v1())
    assert added.saved and saved_manager.secrets("joe").password == "pw"
    renamed = form_rules.save(saved_manager, _v1(name="joe2", api_key="", password=""), added)
    assert renamed.name == "joe2" and saved_manager.find("joe") is None
    assert saved_manager.secrets("joe2") == AccountSecrets(api_key="key", password="pw")


def test_save_or_reason_returns_the_managers_words(saved_manager: AccountManager) -> None:
    form_rules.save(saved_manager, _v1())
    reason = form_rules.save_or_reason(saved_manager, _v1())
    assert isinstance(reason, str) and "already exists" in reason
