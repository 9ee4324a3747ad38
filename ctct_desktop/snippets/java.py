"""Java 11+ with ``java.net.http.HttpClient``, one file: ``java Main.java`` runs it.

Java reads ``\\uXXXX`` escapes before it reads string literals, so line breaks are written as
``\\n``/``\\r`` (a ``\\u000a`` would end the line inside the literal); every other character
outside printable ASCII is a ``\\uXXXX`` escape of its UTF-16 units.
"""

from __future__ import annotations

from ctct_desktop.snippets.plan import ENV_API_KEY, ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, SnippetAuth, SnippetPlan

LANG, TITLE, FILE_NAME = "java", "Java (HttpClient)", "Main.java"
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def java_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            data = ch.encode("utf-16-be", "surrogatepass")
            out += [f"\\u{int.from_bytes(data[i:i + 2], 'big'):04x}" for i in range(0, len(data), 2)]
    return '"' + "".join(out) + '"'


def _auth_lines(plan: SnippetPlan) -> list[str]:
    if plan.auth is SnippetAuth.CTCT_BASIC:
        user = f'System.getenv("{ENV_API_KEY}") + "%" + System.getenv("{ENV_USERNAME}")'
    elif plan.auth is SnippetAuth.BASIC:
        user = f'System.getenv("{ENV_USERNAME}")'
    elif plan.auth is SnippetAuth.BEARER:
        return [f'        builder.header("Authorization", "Bearer " + System.getenv("{ENV_TOKEN}"));']
    else:
        return []
    return [f'        String pair = {user} + ":" + System.getenv("{ENV_PASSWORD}");',
            '        builder.header("Authorization", "Basic " + '
            'Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));']


def render(plan: SnippetPlan) -> str:
    publisher = ("HttpRequest.BodyPublishers.noBody()" if plan.body is None
                 else f"HttpRequest.BodyPublishers.ofString({java_string(plan.body)}, StandardCharsets.UTF_8)")
    lines = [f"// {line}" for line in plan.comment_lines()]
    if not plan.verify_tls:
        lines.append("// (Java's HttpClient has no switch for that: trust the certificate in a trust store instead.)")
    lines += ["import java.net.URI;", "import java.net.http.HttpClient;", "import java.net.http.HttpRequest;",
              "import java.net.http.HttpResponse;", "import java.nio.charset.StandardCharsets;",
              "import java.time.Duration;", "import java.util.Base64;", "",
              "public class Main {",
              "    public static void main(String[] args) throws Exception {",
              f"        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create({java_string(plan.url)}))",
              f"            .timeout(Duration.ofMillis({round(plan.timeout_s * 1000)}))",
              f"            .method({java_string(plan.method)}, {publisher});"]
    lines += [f"        builder.header({java_string(n)}, {java_string(v)});" for n, v in plan.headers]
    lines += _auth_lines(plan)
    lines += ["        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();",
              "        HttpResponse<String> response = client.send(builder.build(), "
              "HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));",
              "        System.out.println(response.statusCode());",
              "        System.out.println(response.body());",
              "    }", "}"]
    return "\n".join(lines) + "\n"
