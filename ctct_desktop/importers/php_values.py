"""A tiny evaluator for the PHP customers paste around curl: string literals, ``.`` joins,
``$variables`` (double-quoted interpolation too), numbers, constants and ``array(...)``/``[...]``.

What it cannot know (a variable computed elsewhere, a function call) becomes ``{{name}}``
and is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus, urlencode

from ctct_desktop.importers.model import MAX_IMPORT_CHARS

# A value is a string, or a list of (key, value) pairs for a PHP array (key "" when positional).
Value = str | list[tuple[str, "Value"]]

_TOKEN = re.compile(r"""
    (?P<s>'(?:[^'\\]|\\.)*'?)
  | (?P<d>"(?:[^"\\]|\\.)*"?)
  | (?P<var>\$[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>-?[0-9]+(?:\.[0-9]+)?)
  | (?P<arrow>=>)
  | (?P<name>[A-Za-z_][A-Za-z0-9_\\]*)
  | (?P<p>[().,\[\]])
  | (?P<ws>\s+|//[^\n]*|\#[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_INTERP = re.compile(r"\{\$([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "$": "$", '"': '"', "0": "\0", "e": "\x1b", "v": "\v",
            "f": "\f"}
MAX_DEPTH = 32
# No value grows past the import limit, and all variables together stay within twice that: a
# paste of 40,000 lines "$v2 = $v1 . $v1;" would otherwise build gigabytes from a few megabytes.
MAX_VALUE = MAX_IMPORT_CHARS
MAX_TOTAL = 2 * MAX_IMPORT_CHARS


@dataclass
class Scope:
    """Variables known so far, and the names that had to become placeholders."""

    values: dict[str, Value] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    total: int = 0  # characters held by all values
    cut: bool = False  # a value was cut at MAX_VALUE, or left out past MAX_TOTAL

    def assign(self, name: str, value: Value) -> None:
        size = size_of(value)
        if self.total + size > MAX_TOTAL:
            self.cut = True
            value = "{{" + name + "}}"
            size = len(value)
        self.total += size
        self.values[name] = value

    def lookup(self, name: str) -> Value:
        if name in self.values:
            return self.values[name]
        if name not in self.unknown:
            self.unknown.append(name)
        return "{{" + name + "}}"


def tokens(source: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(source) if m.lastgroup != "ws"]


def _single(raw: str) -> str:
    inner = raw[1:-1] if len(raw) > 1 and raw.endswith("'") else raw[1:]
    return re.sub(r"\\([\\'])", r"\1", inner)


def _double(raw: str, scope: Scope) -> str:
    inner = raw[1:-1] if len(raw) > 1 and raw.endswith('"') else raw[1:]
    out: list[str] = []
    index = length = 0
    while index < len(inner):
        ch = inner[index]
        if ch == "\\" and index + 1 < len(inner):
            out.append(_ESCAPES.get(inner[index + 1], "\\" + inner[index + 1]))
            index += 2
            continue
        match = _INTERP.match(inner, index) if ch in "${" else None
        if match:
            piece = as_text(scope.lookup(match.group(1) or match.group(2)))
            length += len(piece)
            if length > MAX_VALUE:
                scope.cut = True
                break
            out.append(piece)
            index = match.end()
            continue
        out.append(ch)
        index += 1
    return "".join(out)


def size_of(value: Value, depth: int = 0) -> int:
    if isinstance(value, str):
        return len(value)
    return sum(len(k) + (size_of(v, depth + 1) if depth < MAX_DEPTH else 0) for k, v in value)


def _join(left: str, right: str, scope: Scope) -> str:
    if len(left) + len(right) > MAX_VALUE:
        scope.cut = True
        return (left + right[:max(0, MAX_VALUE - len(left))])[:MAX_VALUE]
    return left + right


def as_text(value: Value) -> str:
    """A value where PHP wants a string (an array there is PHP's "Array")."""
    return value if isinstance(value, str) else "Array"


class Expression:
    """Evaluate one expression from a token list; unknown parts become placeholders."""

    def __init__(self, toks: list[tuple[str, str]], scope: Scope) -> None:
        self.toks = toks
        self.pos = 0
        self.scope = scope

    def peek(self) -> tuple[str, str]:
        return self.toks[self.pos] if self.pos < len(self.toks) else ("end", "")

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        self.pos += 1
        return tok

    def value(self, depth: int = 0) -> Value:
        result = self.term(depth)
        while self.peek() == ("p", "."):
            self.take()
            result = _join(as_text(result), as_text(self.term(depth)), self.scope)
        return result

    def term(self, depth: int) -> Value:
        if depth > MAX_DEPTH:
            self.pos = len(self.toks)
            return ""
        kind, text = self.take()
        if kind == "s":
            return _single(text)
        if kind == "d":
            return _double(text, self.scope)
        if kind == "var":
            return self.scope.lookup(text[1:])
        if kind == "num":
            return text
        if kind == "p" and text == "[":
            return self.array("]", depth)
        if kind == "name":
            return self.named(text, depth)
        if kind == "p" and text == "(":
            inner = self.value(depth + 1)
            if self.peek() == ("p", ")"):
                self.take()
            return inner
        return ""

    def named(self, name: str, depth: int) -> Value:
        lowered = name.lower()
        if lowered == "array" and self.peek() == ("p", "("):
            self.take()
            return self.array(")", depth)
        if self.peek() == ("p", "("):
            self.take()
            args = self.arguments(depth)
            return self.call(lowered, args)
        return {"true": "1", "false": "0", "null": ""}.get(lowered, name)

    def arguments(self, depth: int) -> list[Value]:
        args: list[Value] = []
        while self.peek()[0] != "end" and self.peek() != ("p", ")"):
            args.append(self.value(depth + 1))
            if self.peek() == ("p", ","):
                self.take()
            elif self.peek() != ("p", ")"):
                self.take()
        self.take()
        return args

    def call(self, name: str, args: list[Value]) -> Value:
        if name == "http_build_query" and args and not isinstance(args[0], str):
            return urlencode([(k, as_text(v)) for k, v in args[0]])
        if name in ("urlencode", "rawurlencode") and args:
            text = as_text(args[0])
            return quote_plus(text) if name == "urlencode" else quote(text, safe="-_.~")
        if name in ("trim", "strval", "utf8_encode", "stripslashes") and args:
            return as_text(args[0])
        placeholder = name.replace("\\", "_")
        if placeholder not in self.scope.unknown:
            self.scope.unknown.append(placeholder + "()")
        return "{{" + placeholder + "}}"

    def array(self, closing: str, depth: int) -> Value:
        items: list[tuple[str, Value]] = []
        while self.peek()[0] != "end" and self.peek() != ("p", closing):
            first = self.value(depth + 1)
            if self.peek()[0] == "arrow":
                self.take()
                items.append((as_text(first), self.value(depth + 1)))
            else:
                items.append(("", first))
            if self.peek() == ("p", ","):
                self.take()
            elif self.peek() != ("p", closing):
                self.take()
        self.take()
        return items
