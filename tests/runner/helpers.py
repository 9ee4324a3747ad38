"""Small collections written to disk for runner tests, and the sandbox's scopes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctct_desktop.core.checks import CheckLines
from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.send import Scopes, build_scopes
from ctct_desktop.store.builtin_environments import sandbox_env
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.collection_order import write_order
from ctct_desktop.store.request_file import SavedRequest, save_request

XML = (Header("Content-Type", "application/atom+xml"), Header("Accept", "application/atom+xml"))
LIST_ID_CAPTURE = r'new_list_id = header Location regex "lists/(\d+)$"'


def list_body(name: str = "{{list_name}}") -> str:
    """A contact list entry the sandbox accepts (POST /lists), named ``name``."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <id>data:,none</id>
  <title type="text"> </title>
  <author><name>CTCT Desktop</name></author>
  <updated>{{{{$isoTimestamp}}}}</updated>
  <content type="application/vnd.ctct+xml">
    <ContactList xmlns="http://ws.constantcontact.com/ns/1.0/">
      <OptInDefault>false</OptInDefault>
      <Name>{name}</Name>
      <SortOrder>99</SortOrder>
    </ContactList>
  </content>
</entry>
"""


AUTH = Auth(AuthKind.CTCT_BASIC, username="{{username}}", password="{{password}}", api_key="{{api_key}}")
ACCEPT = (Header("Accept", "application/atom+xml"),)


def request(method: str, url: str, *, body: str = "", kind: BodyKind = BodyKind.NONE,
            headers: tuple[Header, ...] = ACCEPT) -> RequestModel:
    return RequestModel(method=method, url=url, headers=headers, body=body, body_kind=kind, auth=AUTH)


def write(folder: Path, name: str, model: RequestModel, assertions: tuple[str, ...] = (),
          captures: tuple[str, ...] = (), repeat: str = "") -> Path:
    path = folder / f"{name}.ctct.toml"
    save_request(path, SavedRequest(name, "", model, check_lines=CheckLines(assertions, captures, repeat)))
    return path


def collection(root: Path, steps: list[tuple[str, RequestModel, dict[str, Any]]]) -> Path:
    """A collection whose requests run in the order given (kept in order.toml)."""
    root.mkdir(parents=True, exist_ok=True)
    create_collection(root, root.name)
    for name, model, checks in steps:
        write(root, name, model, **checks)
    write_order(root, [f"{name}.ctct.toml" for name, _, _ in steps])
    return root


def sandbox_scopes(sandbox: Any, **given: str) -> Scopes:
    return build_scopes(given=given, environment=sandbox_env(sandbox.base_url))


def create_list_step(name: str = "{{list_name}}") -> tuple[str, RequestModel, dict[str, Any]]:
    """"Create list": POST a list, assert 201, capture its id as ``new_list_id``."""
    return ("Create list", request("POST", "{{base_url}}/lists", body=list_body(name), kind=BodyKind.XML, headers=XML),
            {"assertions": ("status == 201",), "captures": (LIST_ID_CAPTURE,)})
