"""Splitting a one-line assertion or capture into words, quoted strings, lists and operators.

Inside ``"..."`` only ``\\"`` and ``\\\\`` are escapes; every other backslash stays, so a regex
such as ``"activities/(\\d+)"`` is written as it is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class CheckSyntaxError(ValueError):
    """A line that cannot be read; ``column`` (1-based) points at the trouble."""

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


class Kind(Enum):
    WORD = "word"
    STRING = "string"
    OP = "operator"
    LBRACKET = "["
    RBRACKET = "]"
    COMMA = ","


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str  # the value: a string's content with its escapes undone
    column: int  # 1-based, where the token starts in the line
    end: int  # 0-based index just past the token

    def shown(self) -> str:
        return f'"{self.text}"' if self.kind is Kind.STRING else self.text


_OPERATORS = ("==", "!=", "<=", ">=", "<", ">", "=")
_WORD = re.compile(r'[^\s\[\],"=<>!]+')


def _string(line: str, start: int) -> tuple[str, int]:
    out: list[str] = []
    i = start + 1
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line) and line[i + 1] in '"\\':
            out.append(line[i + 1])
            i += 2
            continue
        if ch == '"':
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    raise CheckSyntaxError("a quoted string is not closed (a \" is missing)", start + 1)


def tokenize(line: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            text, end = _string(line, i)
            tokens.append(Token(Kind.STRING, text, i + 1, end))
            i = end
            continue
        single = {"[": Kind.LBRACKET, "]": Kind.RBRACKET, ",": Kind.COMMA}.get(ch)
        if single is not None:
            tokens.append(Token(single, ch, i + 1, i + 1))
            i += 1
            continue
        op = next((o for o in _OPERATORS if line.startswith(o, i)), None)
        if op is not None:
            tokens.append(Token(Kind.OP, op, i + 1, i + len(op)))
            i += len(op)
            continue
        match = _WORD.match(line, i)
        if match is None:
            raise CheckSyntaxError(f"unexpected '{ch}'", i + 1)
        tokens.append(Token(Kind.WORD, match.group(), i + 1, match.end()))
        i = match.end()
    return tokens
