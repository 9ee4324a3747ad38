"""Python with requests (headers as a dict: requests takes no repeated header names)."""

from __future__ import annotations

from ctct_desktop.snippets.plan import SnippetPlan
from ctct_desktop.snippets.python_common import preamble

LANG, TITLE, FILE_NAME = "python-requests", "Python (requests)", "request.py"


def render(plan: SnippetPlan) -> str:
    lines = preamble(plan, "requests")
    lines += ["", f"response = requests.request(method, url, headers=headers, data=body, auth=auth, "
              f"timeout={plan.timeout_s:g}, verify={plan.verify_tls})",
              "print(response.status_code)", "print(response.text)"]
    return "\n".join(lines) + "\n"
