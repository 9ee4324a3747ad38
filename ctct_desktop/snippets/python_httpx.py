"""Python with httpx."""

from __future__ import annotations

from ctct_desktop.snippets.plan import SnippetPlan
from ctct_desktop.snippets.python_common import preamble

LANG, TITLE, FILE_NAME = "python-httpx", "Python (httpx)", "request.py"


def render(plan: SnippetPlan) -> str:
    lines = preamble(plan, "httpx")
    lines += ["", f"response = httpx.request(method, url, headers=headers, content=body, auth=auth, "
              f"timeout={plan.timeout_s:g}, verify={plan.verify_tls})",
              "print(response.status_code)", "print(response.text)"]
    return "\n".join(lines) + "\n"
