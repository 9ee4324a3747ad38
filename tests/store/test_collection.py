"""Collections: scanning with problems, tree operations, filtering, and a git round-trip."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.resources import resource_path
from ctct_desktop.store.collection import (
    NodeKind,
    create_collection,
    filter_tree,
    read_manifest,
    save_collection_variables,
    scan_collection,
)
from ctct_desktop.store.collection_ops import (
    CollectionError,
    check_name,
    delete_permanently,
    delete_to_trash,
    duplicate,
    move,
    new_folder,
    new_request,
    rename,
    restore_from_trash,
)
from ctct_desktop.store.request_file import load_request


def _names(node) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.name for c in node.children]


@pytest.fixture
def coll(tmp_path: Path) -> Path:
    root = tmp_path / "Flower shop"
    create_collection(root, "Flower shop", {"base_url": "https://h/ws/customers/{{username}}"})
    contacts = new_folder(root, "Contacts")
    new_request(contacts, "Get contact", RequestModel(url="{{base_url}}/contacts/1"))
    new_request(contacts, "create contact", RequestModel(method="POST", url="{{base_url}}/contacts",
                                                         body="<entry/>", body_kind=BodyKind.XML))
    new_request(root, "Service document", RequestModel(url="{{base_url}}/"))
    new_folder(root, "Activities")
    return root


def test_scan_builds_sorted_tree_with_manifest(coll: Path) -> None:
    c = scan_collection(coll)
    assert c.name == "Flower shop" and c.problems == []
    assert c.variables == {"base_url": "https://h/ws/customers/{{username}}"}
    assert _names(c.tree) == ["Activities", "Contacts", "Service document"]  # folders first
    contacts = c.tree.children[1]
    assert contacts.kind is NodeKind.FOLDER
    assert _names(contacts) == ["create contact", "Get contact"]  # case-insensitive order
    assert contacts.children[0].saved is not None
    assert contacts.children[0].saved.request.method == "POST"
    assert len(c.tree.requests()) == 3


def test_malformed_files_are_reported_and_the_rest_loads(coll: Path) -> None:
    (coll / "Contacts" / "Broken.ctct.toml").write_text("method = [", encoding="utf-8")
    (coll / "Contacts" / "Future.ctct.toml").write_text("format = 7\n", encoding="utf-8")
    (coll / "Binary.ctct.toml").write_bytes(b"\xff\xff")
    c = scan_collection(coll)
    reasons = {p.path.name: p.reason for p in c.problems}
    assert set(reasons) == {"Broken.ctct.toml", "Future.ctct.toml", "Binary.ctct.toml"}
    assert "TOML" in reasons["Broken.ctct.toml"] and "newer" in reasons["Future.ctct.toml"]
    assert len(c.tree.requests()) == 3


def test_hidden_git_trash_environments_and_other_files_are_ignored(coll: Path) -> None:
    (coll / ".git").mkdir()
    (coll / ".git" / "x.ctct.toml").write_text('format = 1\n', encoding="utf-8")
    (coll / ".hidden.ctct.toml").write_text('format = 1\n', encoding="utf-8")
    (coll / "environments").mkdir()
    (coll / "environments" / "Prod.toml").write_text('format = 1\n', encoding="utf-8")
    (coll / "README.md").write_text("notes", encoding="utf-8")
    (coll / "Get.ctct.toml~").write_text("x", encoding="utf-8")
    delete_to_trash(coll, coll / "Service document.ctct.toml")
    c = scan_collection(coll)
    assert _names(c.tree) == ["Activities", "Contacts"]
    assert c.problems == []


def test_malformed_manifest_is_a_problem_not_a_failure(coll: Path) -> None:
    (coll / "collection.toml").write_text("name = ", encoding="utf-8")
    c = scan_collection(coll)
    assert c.name == "Flower shop" and c.problems[0].path.name == "collection.toml"
    (coll / "collection.toml").write_text('format = 1\nname = "X"\n[variables]\nn = 3\nok = "y"\n',
                                          encoding="utf-8")
    m = read_manifest(coll)
    assert m.variables == {"ok": "y"} and "n" in m.problems[0].reason


def test_missing_folder_is_a_problem(tmp_path: Path) -> None:
    c = scan_collection(tmp_path / "gone")
    assert c.problems and "not a folder" in c.problems[0].reason


def test_new_rename_duplicate_move_delete(coll: Path) -> None:
    contacts = coll / "Contacts"
    with pytest.raises(CollectionError, match="already exists"):
        new_request(contacts, "Get contact")
    renamed = rename(contacts / "Get contact.ctct.toml", "Get one contact")
    assert renamed.name == "Get one contact.ctct.toml" and not (contacts / "Get contact.ctct.toml").exists()
    assert load_request(renamed).name == "Get one contact"
    case_only = rename(renamed, "get one contact")
    assert load_request(case_only).name == "get one contact"
    copy1, copy2 = duplicate(case_only), duplicate(case_only)
    assert load_request(copy1).name == "get one contact copy"
    assert load_request(copy2).name == "get one contact copy 2"
    assert load_request(copy1).request == load_request(case_only).request
    folder_copy = duplicate(contacts)
    assert folder_copy.name == "Contacts copy" and len(list(folder_copy.iterdir())) == 4
    moved = move(copy2, coll / "Activities")
    assert moved.parent.name == "Activities" and moved.exists()
    with pytest.raises(CollectionError, match="into itself"):
        move(contacts, contacts)
    sub = new_folder(contacts, "Sub")
    with pytest.raises(CollectionError, match="into itself"):
        move(contacts, sub)
    trashed = delete_to_trash(coll, moved)
    assert trashed.parent.name == ".trash" and not moved.exists()
    assert (coll / ".trash" / ".gitignore").read_text() == "*\n"
    restore_from_trash(trashed, moved)
    assert moved.exists()
    delete_permanently(folder_copy)
    assert not folder_copy.exists()
    renamed_folder = rename(contacts, "People")
    assert renamed_folder.is_dir() and not contacts.exists()


@pytest.mark.parametrize("bad", ["", "  ", ".hidden", "a/b", "a\\b", "what?", "nul", "x" * 121, "end.",
                                 "tab\there"])
def test_bad_names_are_refused_with_reason(bad: str) -> None:
    with pytest.raises(CollectionError):
        check_name(bad)


def test_templates_are_read_only() -> None:
    templates = resource_path("templates")
    some = next(templates.rglob("*.ctct.toml"))
    for operation in (lambda: rename(some, "x"), lambda: new_request(templates, "x"),
                      lambda: new_folder(templates, "x"), lambda: delete_permanently(some),
                      lambda: duplicate(some)):
        with pytest.raises(CollectionError, match="read-only"):
            operation()
    assert some.exists()


def test_filter_by_name_url_and_method(coll: Path) -> None:
    tree = scan_collection(coll).tree
    assert filter_tree(tree, "") is tree
    by_method = filter_tree(tree, "post")
    assert by_method is not None and [n.name for n in by_method.requests()] == ["create contact"]
    by_url = filter_tree(tree, "contacts/1")
    assert by_url is not None and [n.name for n in by_url.requests()] == ["Get contact"]
    (coll / "Contacts" / "Sub").mkdir()
    new_request(coll / "Contacts" / "Sub", "Unrelated", RequestModel(url="https://other/x"))
    tree = scan_collection(coll).tree
    by_folder = filter_tree(tree, "contacts")
    assert by_folder is not None
    assert sorted(n.name for n in by_folder.requests()) == ["Get contact", "Unrelated", "create contact"]
    assert filter_tree(tree, "zzz") is None
    assert len(tree.requests()) == 4  # the original tree is untouched


def test_collection_variables_can_be_saved(coll: Path) -> None:
    c = scan_collection(coll)
    save_collection_variables(c, {"b": "2", "a": "1"})
    text = (coll / "collection.toml").read_text(encoding="utf-8")
    assert text.index("a = ") < text.index("b = ")  # sorted, so diffs stay small
    assert scan_collection(coll).variables == {"a": "1", "b": "2"}


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_collection_round_trips_through_git(tmp_path: Path) -> None:
    root = tmp_path / "team"
    create_collection(root, "Team", {"base_url": "https://h/ws/customers/{{username}}"})
    tricky = "line one  \r\nquote ''' and \"\"\" and \\ and é\n\ttab\x07\n"
    requests = {
        "Create": RequestModel(method="POST", url="{{base_url}}/contacts", body=tricky, body_kind=BodyKind.XML,
                               headers=(Header("Content-Type", "application/atom+xml"),),
                               auth=Auth(AuthKind.CTCT_BASIC, username="{{username}}", password="hunter2",
                                         api_key="{{api_key}}", token="tok-secret")),
        "Get": RequestModel(url="{{base_url}}/contacts?email={{contact_email}}", timeout_s=5.5),
    }
    new_folder(root, "Contacts")
    for name, request in requests.items():
        new_request(root / "Contacts", name, request, description=f"{name} something")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "collection")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(root), str(clone))
    original, cloned = scan_collection(root), scan_collection(clone)
    assert cloned.problems == [] and cloned.variables == original.variables
    pairs = [(a.saved, b.saved) for a, b in zip(original.tree.requests(), cloned.tree.requests())]
    assert len(pairs) == 2
    for a, b in pairs:
        assert a is not None and b is not None
        assert (a.name, a.description, a.request) == (b.name, b.description, b.request)
    assert cloned.tree.requests()[0].saved.request.body == tricky  # type: ignore[union-attr]
    for path in clone.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert "hunter2" not in text and "tok-secret" not in text
            assert "2026" not in text and "2025" not in text  # no timestamps of the moment
    # saving again without changes leaves git with nothing to commit
    for node in scan_collection(clone).tree.requests():
        new_path = node.path
        from ctct_desktop.store.request_file import save_request

        save_request(new_path, node.saved)  # type: ignore[arg-type]
    assert _git(clone, "status", "--porcelain") == ""


def test_free_request_name_for_save_as(coll: Path) -> None:
    from ctct_desktop.store.collection_ops import free_request_name

    assert free_request_name(coll / "Contacts", "New one") == "New one"
    assert free_request_name(coll / "Contacts", "Get contact") == "Get contact copy"


# collection.toml exactly as the first release (commit c4a89eb) wrote it: format 1.
FIRST_RELEASE_MANIFEST = """format = 1
name = "Flower shop"
description = "Joe's shop"

[variables]
account_uri = "http://x/{{username}}"
"""


def test_an_unversioned_manifest_is_format_zero_and_reads(tmp_path: Path) -> None:
    """Version 0, the oldest: hand-written without the number (the v0 step stamps it)."""
    (tmp_path / "collection.toml").write_text('name = "Hand made"\n[variables]\nlist_id = "7"\n', encoding="utf-8")
    manifest = read_manifest(tmp_path)
    assert (manifest.name, manifest.variables, manifest.problems) == ("Hand made", {"list_id": "7"}, [])


def test_the_first_releases_manifest_reads_and_saves_byte_for_byte(tmp_path: Path) -> None:
    (tmp_path / "collection.toml").write_text(FIRST_RELEASE_MANIFEST, encoding="utf-8")
    collection = scan_collection(tmp_path)
    assert (collection.name, collection.description, collection.problems) == ("Flower shop", "Joe's shop", [])
    save_collection_variables(collection, collection.variables)
    assert (tmp_path / "collection.toml").read_text(encoding="utf-8") == FIRST_RELEASE_MANIFEST


def test_manifest_round_trip_keeps_the_format_key(tmp_path: Path) -> None:
    create_collection(tmp_path, "Round trip", {"b": "2", "a": "{{b}}"})
    text = (tmp_path / "collection.toml").read_text(encoding="utf-8")
    assert text.startswith("format = 1\n")
    manifest = read_manifest(tmp_path)
    assert (manifest.name, manifest.variables, manifest.problems) == ("Round trip", {"a": "{{b}}", "b": "2"}, [])
