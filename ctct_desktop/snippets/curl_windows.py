"""curl for Windows ``cmd`` (a ``.cmd`` file; curl.exe ships with Windows 10 and later).

Two layers of quoting: curl.exe splits its command line by the C runtime's rules (an argument in
double quotes, ``\\"`` for a quote, backslashes doubled before one), and cmd reads the line first:
``%`` is doubled everywhere (this is a batch file) and ``^ & | < > ( )`` get a caret when cmd sees
them outside a quoted stretch. cmd cannot put a line break in an argument, so the body is written
to a file line by line with ``echo(`` and sent with ``--data-binary @file`` (its lines then end
in CRLF, as every file written by cmd does).
"""

from __future__ import annotations

from ctct_desktop.snippets.plan import ENV_API_KEY, ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, SnippetAuth, SnippetPlan

LANG, TITLE, FILE_NAME = "curl-windows", "cURL (Windows cmd)", "request.cmd"
_CMD_SPECIAL = set("^&|<>()")
BODY_FILE = "%TEMP%\\ctct-body.txt"
OUT_FILE = "%TEMP%\\ctct-response.txt"


def crt_quote(text: str) -> str:
    """One argument as the Microsoft C runtime reads it back."""
    out, slashes = ['"'], 0
    for ch in text:
        if ch == "\\":
            slashes += 1
            continue
        if ch == '"':
            out.append("\\" * (2 * slashes + 1) + '"')
        else:
            out.append("\\" * slashes + ch)
        slashes = 0
    out.append("\\" * (2 * slashes) + '"')
    return "".join(out)


def cmd_escape(line: str) -> str:
    """Make cmd pass ``line`` through unchanged (in a batch file)."""
    out, quoted = [], False
    for ch in line:
        if ch == '"':
            quoted = not quoted
            out.append(ch)
        elif ch == "%":
            out.append("%%")
        elif ch in _CMD_SPECIAL and not quoted:
            out.append("^" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _arg(text: str) -> str:
    return cmd_escape(crt_quote(text))


def _auth_args(plan: SnippetPlan) -> list[str]:
    # Not escaped: cmd must expand these %VARIABLES% (and %%%% between two of them is one %).
    if plan.auth is SnippetAuth.CTCT_BASIC:
        return [f'-u "%{ENV_API_KEY}%%%%{ENV_USERNAME}%:%{ENV_PASSWORD}%"']
    if plan.auth is SnippetAuth.BASIC:
        return [f'-u "%{ENV_USERNAME}%:%{ENV_PASSWORD}%"']
    if plan.auth is SnippetAuth.BEARER:
        return [f'-H "Authorization: Bearer %{ENV_TOKEN}%"']
    return []


def _body_lines(body: str) -> list[str]:
    lines = body.replace("\r\n", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # every echo ends its line: a final line break is already there
    out = []
    for index, line in enumerate(lines):
        redirect = ">" if index == 0 else ">>"
        # A line held in quotes by cmd's count would keep its carets; escaping outside-quote runs only
        # is exactly what cmd_escape does. The redirection goes first so a trailing digit is not a handle.
        out.append(f'{redirect} "{BODY_FILE}" echo(' + cmd_escape(line))
    return out


def render(plan: SnippetPlan) -> str:
    lines = ["@echo off", "setlocal DisableDelayedExpansion", "chcp 65001 >nul"]  # UTF-8, for the literals below
    lines += [f"rem {cmd_escape(line)}" for line in plan.comment_lines()]
    args = [f'-sS -o "{OUT_FILE}" -w "%%{{http_code}}\\n"']
    args.append("--head" if plan.method == "HEAD" else "-X " + _arg(plan.method))
    args += ["-H " + _arg(f"{name}: {value}") for name, value in plan.headers]
    args += _auth_args(plan)
    if plan.body is not None:
        lines += _body_lines(plan.body)
        args.append(f'--data-binary "@{BODY_FILE}"')
    if not plan.verify_tls:
        args.append("--insecure")
    args += ["--max-time " + _arg(f"{plan.timeout_s:g}"), "--url " + _arg(plan.url)]
    lines.append("curl.exe " + " ^\n  ".join(args))
    lines += [f'type "{OUT_FILE}"', "echo.", f'del "{OUT_FILE}"']
    if plan.body is not None:
        lines.append(f'del "{BODY_FILE}"')
    return "\r\n".join(lines) + "\r\n"
