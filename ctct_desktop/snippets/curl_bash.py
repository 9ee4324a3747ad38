"""curl for bash (and any POSIX shell): every literal in single quotes, so $, backticks,
backslashes, quotes and line breaks reach curl exactly as written."""

from __future__ import annotations

import shlex

from ctct_desktop.snippets.plan import ENV_API_KEY, ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, SnippetAuth, SnippetPlan

LANG, TITLE, FILE_NAME = "curl", "cURL (bash)", "request.sh"


def _auth_args(plan: SnippetPlan) -> list[str]:
    # Double quotes: the shell expands the variables; curl hides the -u argument from ps.
    if plan.auth is SnippetAuth.CTCT_BASIC:
        return [f'-u "${{{ENV_API_KEY}}}%${{{ENV_USERNAME}}}:${{{ENV_PASSWORD}}}"']
    if plan.auth is SnippetAuth.BASIC:
        return [f'-u "${{{ENV_USERNAME}}}:${{{ENV_PASSWORD}}}"']
    if plan.auth is SnippetAuth.BEARER:
        return [f'-H "Authorization: Bearer ${{{ENV_TOKEN}}}"']
    return []


def curl_arguments(plan: SnippetPlan) -> list[str]:
    """The arguments after ``curl``, already quoted for the shell, one option and its value a line."""
    q = shlex.quote
    args = ['-sS -o "$body_file" -w ' + q("%{http_code}")]
    args.append("--head" if plan.method == "HEAD" else "-X " + q(plan.method))
    args += ["-H " + q(f"{name}: {value}") for name, value in plan.headers]
    args += _auth_args(plan)
    if plan.body is not None:
        args.append("--data-raw " + q(plan.body))  # --data-raw: a body starting with @ is not a file name
    if not plan.verify_tls:
        args.append("--insecure")
    args += ["--max-time " + q(f"{plan.timeout_s:g}"), "--url " + q(plan.url)]
    return args


def render(plan: SnippetPlan) -> str:
    lines = ["#!/usr/bin/env bash"] + [f"# {line}" for line in plan.comment_lines()]
    lines += ["set -euo pipefail", 'body_file="$(mktemp)"', "trap 'rm -f \"$body_file\"' EXIT",
              "status=$(curl " + " \\\n  ".join(curl_arguments(plan)) + ")",
              'echo "$status"', 'cat "$body_file"', "echo"]
    return "\n".join(lines) + "\n"
