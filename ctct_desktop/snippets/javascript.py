"""JavaScript with ``fetch`` (Node 18+, or a browser console). Literals are JSON strings, which are
JavaScript strings; ASCII-only, so U+2028 and friends cannot end a line."""

from __future__ import annotations

import json

from ctct_desktop.snippets.plan import ENV_API_KEY, ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, SnippetAuth, SnippetPlan

LANG, TITLE, FILE_NAME = "js", "JavaScript (fetch)", "request.mjs"


def js_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)


def _auth_lines(plan: SnippetPlan) -> list[str]:
    env = "process.env."
    if plan.auth is SnippetAuth.BEARER:
        return [f'headers.push(["Authorization", "Bearer " + {env}{ENV_TOKEN}]);']
    if plan.auth is SnippetAuth.CTCT_BASIC:
        user = f'{env}{ENV_API_KEY} + "%" + {env}{ENV_USERNAME}'
    elif plan.auth is SnippetAuth.BASIC:
        user = f"{env}{ENV_USERNAME}"
    else:
        return []
    return [f'const pair = {user} + ":" + {env}{ENV_PASSWORD};',
            'headers.push(["Authorization", "Basic " + Buffer.from(pair, "utf8").toString("base64")]);']


def render(plan: SnippetPlan) -> str:
    lines = [f"// {line}" for line in plan.comment_lines()]
    if not plan.verify_tls:
        lines.append("// (Node: set NODE_TLS_REJECT_UNAUTHORIZED=0 to skip the check; never in production.)")
    lines.append("const headers = [")
    lines += [f"  [{js_string(n)}, {js_string(v)}]," for n, v in plan.headers]
    lines += ["];"] + _auth_lines(plan)
    options = [f"method: {js_string(plan.method)}", "headers"]
    if plan.body is not None:
        options.append(f"body: {js_string(plan.body)}")
    options.append(f"signal: AbortSignal.timeout({round(plan.timeout_s * 1000)})")
    lines += ["", "(async () => {",
              f"  const response = await fetch({js_string(plan.url)}, {{",
              *(f"    {o}," for o in options),
              "  });",
              "  console.log(response.status);",
              "  console.log(await response.text());",
              "})().catch((error) => { console.error(error); process.exit(1); });"]
    return "\n".join(lines) + "\n"
