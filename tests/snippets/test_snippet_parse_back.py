"""Hostile strings survive each language's quoting: the generated Python compiles and its literals
evaluate to the request, and bash itself hands curl exactly the request's arguments."""

from __future__ import annotations

import ast
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.snippets import plan_snippet, snippet

HOSTILE = st.text(alphabet=st.sampled_from(list("ab'\"\\$`\n\r\t{}%!^&|<>() é😀\u2028\x00-@#")) | st.characters(
    blacklist_categories=("Cs",)), max_size=40)
HEADER_VALUE = HOSTILE.map(lambda s: s.replace("\r", "").replace("\n", "").replace("\x00", ""))
HEADER_NAME = st.from_regex(r"\AX-[A-Za-z0-9-]{1,10}\Z")


@st.composite
def requests(draw: st.DrawFn) -> RequestModel:
    headers = tuple(Header(draw(HEADER_NAME), draw(HEADER_VALUE)) for _ in range(draw(st.integers(0, 3))))
    body = draw(HOSTILE.filter(lambda s: "\x00" not in s))
    url = "http://127.0.0.1:9/x?q=" + draw(HEADER_VALUE.filter(lambda s: s.strip() == s))
    return RequestModel(draw(st.sampled_from(["GET", "POST", "PUT", "DELETE"])), url, headers, body,
                        BodyKind.TEXT if body else BodyKind.NONE, Auth(AuthKind.CTCT_BASIC, "u", "{{p}}", "{{k}}"))


def _literal(tree: ast.Module, name: str) -> object:
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name:
            value = node.value
            if isinstance(value, ast.Call):  # '...'.encode('utf-8')
                assert isinstance(value.func, ast.Attribute)
                return ast.literal_eval(value.func.value).encode("utf-8")
            return ast.literal_eval(value)
    raise AssertionError(f"no assignment to {name}")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(req=requests())
def test_python_snippets_compile_and_carry_the_request(req: RequestModel) -> None:
    plan = plan_snippet(req)
    for lang in ("python-httpx", "python-requests"):
        code = snippet(req, lang)
        tree = ast.parse(code)
        compile(tree, "request.py", "exec")
        assert _literal(tree, "method") == plan.method
        assert _literal(tree, "url") == plan.url
        assert _literal(tree, "body") == (None if plan.body is None else plan.body.encode("utf-8"))
        headers = _literal(tree, "headers")
        if lang == "python-httpx":
            assert headers == list(plan.headers)


BASH = shutil.which("bash")


@pytest.mark.skipif(BASH is None, reason="no bash")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(req=requests())
def test_bash_gives_curl_exactly_the_request(req: RequestModel) -> None:
    plan = plan_snippet(req)
    script = snippet(req, "curl")
    with tempfile.TemporaryDirectory() as folder:
        args = _curl_arguments(script, Path(folder) / "args")
    expected_headers = [f"{n}: {v}" for n, v in plan.headers]
    assert args[args.index("-X") + 1] == plan.method
    assert args[args.index("--url") + 1] == plan.url
    assert [args[i + 1] for i, a in enumerate(args) if a == "-H"] == expected_headers
    assert args[args.index("-u") + 1] == "K%U:P"
    if plan.body is None:
        assert "--data-raw" not in args
    else:
        assert args[args.index("--data-raw") + 1] == plan.body


def _curl_arguments(script: str, out: Path) -> list[str]:
    assert BASH is not None
    # A curl that only records its arguments, NUL-separated; shlex agrees with bash on the same text.
    fake = f"curl() {{ printf '%s\\0' \"$@\" > {out}; }}\n"
    assert script.startswith("#!/usr/bin/env bash\n")
    done = subprocess.run([BASH, "-c", fake + script], capture_output=True, env={"PATH": "/usr/bin:/bin",
                          "CTCT_API_KEY": "K", "CTCT_USERNAME": "U", "CTCT_PASSWORD": "P"})
    assert done.returncode == 0, done.stderr
    return out.read_bytes().decode("utf-8", "surrogateescape").split("\0")[:-1]
