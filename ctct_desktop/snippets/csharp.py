"""C# (top-level statements, .NET 6+) with ``HttpClient``. Content headers (Content-Type…) belong to
the content object in .NET, so they are added there; both with ``TryAddWithoutValidation`` so a
value is sent as written."""

from __future__ import annotations

from ctct_desktop.snippets.plan import ENV_API_KEY, ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, SnippetAuth, SnippetPlan

LANG, TITLE, FILE_NAME = "csharp", "C# (HttpClient)", "Program.cs"
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}


def csharp_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif " " <= ch <= "~":
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            out.append(f"\\U{ord(ch):08x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return '"' + "".join(out) + '"'


def _auth_lines(plan: SnippetPlan) -> list[str]:
    if plan.auth is SnippetAuth.BEARER:
        return [f'request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + '
                f'Environment.GetEnvironmentVariable("{ENV_TOKEN}"));']
    if plan.auth is SnippetAuth.CTCT_BASIC:
        user = (f'Environment.GetEnvironmentVariable("{ENV_API_KEY}") + "%" + '
                f'Environment.GetEnvironmentVariable("{ENV_USERNAME}")')
    elif plan.auth is SnippetAuth.BASIC:
        user = f'Environment.GetEnvironmentVariable("{ENV_USERNAME}")'
    else:
        return []
    return [f'var pair = {user} + ":" + Environment.GetEnvironmentVariable("{ENV_PASSWORD}");',
            'request.Headers.TryAddWithoutValidation("Authorization", "Basic " + '
            'Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));']


def render(plan: SnippetPlan) -> str:
    lines = [f"// {line}" for line in plan.comment_lines()]
    lines += ["using System;", "using System.Net.Http;", "using System.Text;", ""]
    if plan.verify_tls:
        lines.append("using var client = new HttpClient();")
    else:
        lines += ["using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = "
                  "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };",
                  "using var client = new HttpClient(handler);"]
    lines += [f"client.Timeout = TimeSpan.FromMilliseconds({round(plan.timeout_s * 1000)});",
              f"using var request = new HttpRequestMessage(new HttpMethod({csharp_string(plan.method)}), "
              f"{csharp_string(plan.url)});"]
    if plan.body is not None:
        lines.append(f"request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes({csharp_string(plan.body)}));")
    for name, value in plan.headers:
        target = "request.Content.Headers" if name.lower().startswith("content-") and plan.body is not None \
            else "request.Headers"
        lines.append(f"{target}.TryAddWithoutValidation({csharp_string(name)}, {csharp_string(value)});")
    lines += _auth_lines(plan)
    lines += ["using var response = await client.SendAsync(request);",
              "Console.WriteLine((int)response.StatusCode);",
              "Console.WriteLine(await response.Content.ReadAsStringAsync());"]
    return "\n".join(lines) + "\n"
