"""Each generated snippet whose runtime is on this machine runs against the real sandbox.

The snippet must print the status on its first line, send the body byte for byte (a contact
created with a hostile first name comes back with exactly that name) and take its credentials
from the environment variables it names.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.snippets import language, snippet
from tests.snippets.runtimes import command_for

RUNNABLE = ("curl", "python-httpx", "python-requests", "js", "java", "php")
HOSTILE_NAME = "O'Brien \"$HOME\" `id` \\n \\ é 😀 &amp; 100% ^ !x"
SENT_NAME = "O'Brien \"$HOME\" `id` \\n \\ é 😀 & 100% ^ !x"
CTCT = "http://ws.constantcontact.com/ns/1.0/"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(CTCT_API_KEY=demo.DEMO_API_KEY, CTCT_USERNAME=demo.DEMO_USERNAME, CTCT_PASSWORD=demo.DEMO_PASSWORD)
    return env


def _create_body(email: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <id>data:,none</id>
  <title type="text"> </title>
  <author></author>
  <updated>2024-05-01T12:00:00.000Z</updated>
  <content type="application/vnd.ctct+xml">
    <Contact xmlns="{CTCT}">
      <EmailAddress>{email}</EmailAddress>
      <FirstName>{HOSTILE_NAME}</FirstName>
      <OptInSource>ACTION_BY_CUSTOMER</OptInSource>
      <ContactLists><ContactList id="{demo.account_id_uri()}/lists/{demo.SEED_LIST_ID}" /></ContactLists>
    </Contact>
  </content>
</entry>
"""


def _run(lang: str, request: RequestModel, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / language(lang).file_name
    path.write_text(snippet(request, lang), encoding="utf-8")
    command = command_for(lang, path)
    if command is None:
        pytest.skip(f"no runtime for {lang} on this machine")
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=_env(), cwd=tmp_path,
                          timeout=90)
    assert done.returncode == 0, done.stderr
    first, _, rest = done.stdout.partition("\n")
    return int(first.strip()), rest


@pytest.mark.parametrize("lang", RUNNABLE)
def test_a_get_with_v1_basic_auth_prints_200_then_the_feed(lang: str, sandbox: Any, tmp_path: Path) -> None:
    request = RequestModel("GET", f"{sandbox.account_url}/lists", (Header("Accept", "application/atom+xml"),),
                           auth=Auth(AuthKind.CTCT_BASIC, "{{username}}", "{{password}}", "{{api_key}}"))
    status, body = _run(lang, request, tmp_path)
    assert status == 200
    assert "<feed" in body


@pytest.mark.parametrize("lang", RUNNABLE)
def test_without_the_credentials_the_sandbox_answers_401(lang: str, sandbox: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    request = RequestModel("GET", f"{sandbox.account_url}/lists", auth=Auth(AuthKind.CTCT_BASIC, "joe", "x", "y"))
    path = tmp_path / language(lang).file_name
    path.write_text(snippet(request, lang), encoding="utf-8")
    command = command_for(lang, path)
    if command is None:
        pytest.skip(f"no runtime for {lang} on this machine")
    env = _env()
    env["CTCT_PASSWORD"] = "wrong-password"
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=90)
    assert done.stdout.partition("\n")[0].strip() == "401"


@pytest.mark.parametrize("lang", RUNNABLE)
def test_a_post_sends_a_hostile_body_byte_for_byte(lang: str, sandbox: Any, tmp_path: Path) -> None:
    email = f"snippet-{uuid.uuid4().hex[:10]}@example.com"
    request = RequestModel("POST", f"{sandbox.account_url}/contacts",
                           (Header("Content-Type", "application/atom+xml"),), _create_body(email), BodyKind.XML,
                           Auth(AuthKind.CTCT_BASIC, "{{username}}", "{{password}}", "{{api_key}}"))
    status, body = _run(lang, request, tmp_path)
    assert status == 201, body
    found = httpx.get(f"{sandbox.account_url}/contacts", params={"email": email},
                      auth=(f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD), timeout=10)
    link = etree.fromstring(found.content).find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}id")
    assert link is not None
    contact = httpx.get(link.text.replace(demo.ID_ROOT, sandbox.base_url),
                        auth=(f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD), timeout=10)
    first = etree.fromstring(contact.content).find(f".//{{{CTCT}}}FirstName")
    assert first is not None and first.text == SENT_NAME
