"""PHP with the curl extension. Literals in single quotes (only ``\\`` and ``'`` are special there),
so ``$`` and line breaks stay literal."""

from __future__ import annotations

from ctct_desktop.snippets.plan import ENV_API_KEY, ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, SnippetAuth, SnippetPlan

LANG, TITLE, FILE_NAME = "php", "PHP (curl)", "request.php"


def php_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _auth_lines(plan: SnippetPlan) -> list[str]:
    if plan.auth is SnippetAuth.CTCT_BASIC:
        return ["curl_setopt($ch, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);",
                f"curl_setopt($ch, CURLOPT_USERPWD, getenv('{ENV_API_KEY}') . '%' . getenv('{ENV_USERNAME}') "
                f". ':' . getenv('{ENV_PASSWORD}'));"]
    if plan.auth is SnippetAuth.BASIC:
        return ["curl_setopt($ch, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);",
                f"curl_setopt($ch, CURLOPT_USERPWD, getenv('{ENV_USERNAME}') . ':' . getenv('{ENV_PASSWORD}'));"]
    return []


def render(plan: SnippetPlan) -> str:
    lines = ["<?php"] + [f"// {line}" for line in plan.comment_lines()]
    lines += [f"$ch = curl_init({php_string(plan.url)});",
              "curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);"]
    lines.append("curl_setopt($ch, CURLOPT_NOBODY, true);" if plan.method == "HEAD"
                 else f"curl_setopt($ch, CURLOPT_CUSTOMREQUEST, {php_string(plan.method)});")
    headers = [php_string(f"{n}: {v}") for n, v in plan.headers]
    if plan.auth is SnippetAuth.BEARER:
        headers.append(f"'Authorization: Bearer ' . getenv('{ENV_TOKEN}')")
    # An explicit empty Expect: stops curl waiting a second for "100 Continue" on larger bodies.
    headers.append("'Expect:'")
    lines.append("curl_setopt($ch, CURLOPT_HTTPHEADER, [\n    " + ",\n    ".join(headers) + ",\n]);")
    lines += _auth_lines(plan)
    if plan.body is not None:
        # A string, never an array: an array would make PHP send multipart/form-data (case T2).
        lines.append(f"curl_setopt($ch, CURLOPT_POSTFIELDS, {php_string(plan.body)});")
    if not plan.verify_tls:
        lines.append("curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);")
    lines += [f"curl_setopt($ch, CURLOPT_TIMEOUT, {max(1, round(plan.timeout_s))});",
              "$body = curl_exec($ch);",
              "if ($body === false) { fwrite(STDERR, curl_error($ch) . \"\\n\"); exit(1); }",
              "echo curl_getinfo($ch, CURLINFO_RESPONSE_CODE), \"\\n\";",
              "echo $body, \"\\n\";",
              "curl_close($ch);"]
    return "\n".join(lines) + "\n"
