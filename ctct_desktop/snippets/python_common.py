"""What the two Python snippets share: literals (``repr`` is Python's own quoting) and the auth."""

from __future__ import annotations

from ctct_desktop.snippets.plan import ENV_API_KEY, ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, SnippetAuth, SnippetPlan


def header_lines(plan: SnippetPlan, *, as_dict: bool) -> list[str]:
    rows: list[tuple[str, str | None]] = []
    for name, value in plan.headers:
        same = next((i for i, (n, _) in enumerate(rows) if as_dict and n.lower() == name.lower()), None)
        if same is None:
            rows.append((name, value))
        else:  # a dict holds one value per name: repeated headers are joined, as HTTP allows
            rows[same] = (rows[same][0], f"{rows[same][1]}, {value}")
    if plan.auth is SnippetAuth.BEARER:
        rows.append(("Authorization", None))
    if not rows:
        return ["headers = {}" if as_dict else "headers = []"]
    open_, close = ("{", "}") if as_dict else ("[", "]")
    out = [f"headers = {open_}"]
    for name, maybe in rows:
        shown = f'"Bearer " + os.environ["{ENV_TOKEN}"]' if maybe is None else repr(maybe)
        out.append(f"    {name!r}: {shown}," if as_dict else f"    ({name!r}, {shown}),")
    return out + [close]


def auth_line(plan: SnippetPlan) -> str:
    if plan.auth is SnippetAuth.CTCT_BASIC:
        return (f'auth = (os.environ["{ENV_API_KEY}"] + "%" + os.environ["{ENV_USERNAME}"], '
                f'os.environ["{ENV_PASSWORD}"])')
    if plan.auth is SnippetAuth.BASIC:
        return f'auth = (os.environ["{ENV_USERNAME}"], os.environ["{ENV_PASSWORD}"])'
    return "auth = None"


def preamble(plan: SnippetPlan, module: str) -> list[str]:
    lines = [f"# {line}" for line in plan.comment_lines()]
    lines += ["import os", "", f"import {module}", "", f"method = {plan.method!r}", f"url = {plan.url!r}"]
    lines += header_lines(plan, as_dict=module == "requests")
    body = "None" if plan.body is None else f"{plan.body!r}.encode('utf-8')"
    return lines + [f"body = {body}", auth_line(plan)]
