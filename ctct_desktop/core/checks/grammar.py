"""Reading the one-line forms of assertions, captures and polling (store/saved-work-format.md).

``status == 201``, ``status in [200, 201]``, ``status is 2xx``, ``header Content-Type matches
"atom"``, ``body contains "x"``, ``xpath "//atom:entry/atom:id" exists``, ``jsonpath "$.a" == "1"``,
``time < 500 ms``; captures ``id = header Location regex "lists/(\\d+)"``; polling ``until
ASSERTION at most 20 times every 0.5 s``. Every error says what is wrong and the column.
"""

from __future__ import annotations

import re

from ctct_desktop.core.checks.model import Assertion, Capture, Op, Repeat, Subject
from ctct_desktop.core.checks.tokens import CheckSyntaxError, Kind, Token, tokenize

_SUBJECTS = "status, time, header NAME, body, xpath \"…\" or jsonpath \"…\""
_WORD_OPS = {"in": Op.IN, "is": Op.IS, "matches": Op.MATCHES, "contains": Op.CONTAINS, "exists": Op.EXISTS}
_SYMBOL_OPS = {o.value: o for o in (Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE)}
_COMPARE = {Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE}
_ALLOWED: dict[Subject, set[Op]] = {
    Subject.STATUS: _COMPARE | {Op.IN, Op.IS},
    Subject.TIME: {Op.LT, Op.LE, Op.GT, Op.GE},
    Subject.HEADER: {Op.EXISTS, Op.EQ, Op.NE, Op.MATCHES, Op.CONTAINS, Op.IN},
    Subject.BODY: {Op.EQ, Op.NE, Op.MATCHES, Op.CONTAINS},
    Subject.XPATH: _COMPARE | {Op.EXISTS, Op.MATCHES, Op.CONTAINS, Op.IN},
    Subject.JSONPATH: _COMPARE | {Op.EXISTS, Op.MATCHES, Op.CONTAINS, Op.IN},
}
_NEGATABLE = {Op.MATCHES, Op.CONTAINS, Op.EXISTS, Op.IN}
_STATUS = re.compile(r"[1-5][0-9][0-9]")
_STATUS_CLASS = re.compile(r"[1-5]xx")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
MAX_REPEATS = 1000


class _Stream:
    """Tokens read one at a time; errors past the end point just after the line."""

    def __init__(self, line: str, tokens: list[Token]) -> None:
        self.line, self.tokens, self.at = line, tokens, 0

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, what: str) -> Token:
        token = self.peek()
        if token is None:
            raise CheckSyntaxError(f"{what} is missing at the end", len(self.line) + 1)
        self.at += 1
        return token

    def word(self, what: str) -> Token:
        token = self.take(what)
        if token.kind is not Kind.WORD:
            raise CheckSyntaxError(f"expected {what}, not {token.shown()}", token.column)
        return token

    def string(self, what: str) -> Token:
        token = self.take(what)
        if token.kind is not Kind.STRING:
            raise CheckSyntaxError(f"expected {what} in double quotes, not {token.shown()}", token.column)
        return token

    def done(self, after: str) -> None:
        token = self.peek()
        if token is not None:
            raise CheckSyntaxError(f"unexpected {token.shown()} after {after}", token.column)


def _subject(stream: _Stream) -> tuple[Subject, str]:
    token = stream.take(f"what to check ({_SUBJECTS})")
    try:
        subject = Subject(token.text.lower()) if token.kind is Kind.WORD else None
    except ValueError:
        subject = None
    if subject is None:
        raise CheckSyntaxError(f"expected {_SUBJECTS} at the start, not {token.shown()}", token.column)
    if subject is Subject.HEADER:
        name = stream.take("the header name")
        if name.kind not in (Kind.WORD, Kind.STRING) or not name.text.strip():
            raise CheckSyntaxError(f"expected a header name after 'header', not {name.shown()}", name.column)
        return subject, name.text
    if subject in (Subject.XPATH, Subject.JSONPATH):
        expr = stream.string(f"the {subject.value} expression")
        if not expr.text.strip():
            raise CheckSyntaxError(f"the {subject.value} expression is empty", expr.column)
        return subject, expr.text
    return subject, ""


def _operator(stream: _Stream) -> tuple[Op, bool, Token]:
    token = stream.take("a comparison (==, !=, <, <=, >, >=, in, is, matches, contains, exists)")
    negated = False
    if token.kind is Kind.WORD and token.text.lower() == "not":
        negated, token = True, stream.take("what follows 'not' (contains, matches, exists or in)")
    if token.kind is Kind.OP and token.text in _SYMBOL_OPS and not negated:
        return _SYMBOL_OPS[token.text], False, token
    if token.kind is Kind.OP and token.text == "=":
        raise CheckSyntaxError("use == to compare (a single = is for captures)", token.column)
    op = _WORD_OPS.get(token.text.lower()) if token.kind is Kind.WORD else None
    if op is None or (negated and op not in _NEGATABLE):
        raise CheckSyntaxError(f"expected a comparison (==, !=, <, <=, >, >=, in, is, matches, contains, "
                               f"exists), not {token.shown()}", token.column)
    return op, negated, token


def _value(stream: _Stream, what: str) -> Token:
    token = stream.take(what)
    if token.kind not in (Kind.WORD, Kind.STRING):
        raise CheckSyntaxError(f"expected {what}, not {token.shown()}", token.column)
    return token


def _list(stream: _Stream) -> list[Token]:
    opening = stream.take("a list such as [200, 201]")
    if opening.kind is not Kind.LBRACKET:
        raise CheckSyntaxError(f"expected a list such as [200, 201] after 'in', not {opening.shown()}",
                               opening.column)
    values: list[Token] = []
    while True:
        values.append(_value(stream, "a value in the list"))
        sep = stream.take("a ] closing the list")
        if sep.kind is Kind.RBRACKET:
            return values
        if sep.kind is not Kind.COMMA:
            raise CheckSyntaxError(f"expected , or ] in the list, not {sep.shown()}", sep.column)


def _check_status(values: list[Token], op: Op) -> None:
    pattern = _STATUS_CLASS if op is Op.IS else _STATUS
    for v in values:
        if v.kind is not Kind.WORD or not pattern.fullmatch(v.text):
            shape = "a status class such as 2xx" if op is Op.IS else "a status code such as 201"
            raise CheckSyntaxError(f"expected {shape}, not {v.shown()}", v.column)


def _time_ms(stream: _Stream, value: Token) -> str:
    if value.kind is not Kind.WORD or not _NUMBER.fullmatch(value.text):
        raise CheckSyntaxError(f"expected a number of milliseconds, not {value.shown()}", value.column)
    unit = stream.peek()
    factor = 1.0
    if unit is not None and unit.kind is Kind.WORD and unit.text.lower() in ("ms", "s"):
        stream.at += 1
        factor = 1000.0 if unit.text.lower() == "s" else 1.0
    return f"{float(value.text) * factor:g}"


def _operands(stream: _Stream, subject: Subject, op: Op) -> tuple[str, ...]:
    if op is Op.EXISTS:
        return ()
    values = _list(stream) if op is Op.IN else [_value(stream, f"the value to compare with ({op.value})")]
    if subject is Subject.STATUS:
        _check_status(values, op)
    elif subject is Subject.TIME:
        return (_time_ms(stream, values[0]),)
    elif op in (Op.LT, Op.LE, Op.GT, Op.GE) and not _NUMBER.fullmatch(values[0].text.strip("-")):
        raise CheckSyntaxError(f"{op.value} compares numbers; {values[0].shown()} is not one", values[0].column)
    if op is Op.MATCHES:
        try:
            re.compile(values[0].text)
        except re.error as exc:
            raise CheckSyntaxError(f"the pattern is not a valid regular expression: {exc}", values[0].column) from None
    if op is Op.IS and subject is not Subject.STATUS:
        raise CheckSyntaxError("'is 2xx' is for status only", values[0].column)
    return tuple(v.text for v in values)


def _assertion(line: str, tokens: list[Token], text: str) -> Assertion:
    stream = _Stream(line, tokens)
    subject, argument = _subject(stream)
    op, negated, op_token = _operator(stream)
    if op not in _ALLOWED[subject]:
        allowed = ", ".join(sorted(o.value for o in _ALLOWED[subject]))
        raise CheckSyntaxError(f"{subject.value} cannot use '{op.value}' (it can use {allowed})", op_token.column)
    operand = _operands(stream, subject, op)
    stream.done("the assertion")
    return Assertion(text, subject, op, argument, operand, negated)


def parse_assertion(text: str) -> Assertion:
    """One assertion line; CheckSyntaxError says what is wrong and where."""
    line = text.strip()
    if not line:
        raise CheckSyntaxError("the assertion is empty", 1)
    return _assertion(line, tokenize(line), line)


def parse_capture(text: str) -> Capture:
    """``name = header NAME | xpath "…" | jsonpath "…" | body | status | regex "…"`` [``regex "…"``]."""
    line = text.strip()
    stream = _Stream(line, tokenize(line))
    name = stream.word("the variable name")
    if not _NAME.fullmatch(name.text):
        raise CheckSyntaxError(f"'{name.text}' is not a variable name (letters, digits, _ . -)", name.column)
    equals = stream.take("= after the variable name")
    if equals.kind is not Kind.OP or equals.text != "=":
        raise CheckSyntaxError(f"expected = after the variable name, not {equals.shown()}", equals.column)
    source = stream.peek()
    regex: str | None = None
    if source is not None and source.kind is Kind.WORD and source.text.lower() == "regex":
        subject, argument = Subject.BODY, ""
    else:
        subject, argument = _subject(stream)
        if subject is Subject.TIME:
            raise CheckSyntaxError("time cannot be captured", source.column if source else 1)
    follow = stream.peek()
    if follow is not None and follow.kind is Kind.WORD and follow.text.lower() == "regex":
        stream.at += 1
        pattern = stream.string("the regular expression")
        try:
            re.compile(pattern.text)
        except re.error as exc:
            raise CheckSyntaxError(f"the pattern is not a valid regular expression: {exc}", pattern.column) from None
        regex = pattern.text
    stream.done("the capture")
    return Capture(line, name.text, subject, argument, regex)


def _at_most(tokens: list[Token]) -> int:
    for i in range(len(tokens) - 2, 0, -1):
        a, b = tokens[i], tokens[i + 1]
        if a.kind is b.kind is Kind.WORD and a.text.lower() == "at" and b.text.lower() == "most":
            return i
    return -1


def parse_repeat(text: str) -> Repeat:
    """``until ASSERTION at most N times every T s`` (T in s or ms)."""
    line = text.strip()
    tokens = tokenize(line)
    if not tokens or tokens[0].kind is not Kind.WORD or tokens[0].text.lower() != "until":
        raise CheckSyntaxError("a repeat starts with 'until', as in: until xpath \"//ctct:Status\" == "
                               "\"COMPLETE\" at most 20 times every 1 s", 1)
    cut = _at_most(tokens)
    if cut < 2:
        raise CheckSyntaxError("say how often: … at most N times every T s", len(line) + 1)
    until_text = line[tokens[1].column - 1:tokens[cut - 1].end]
    until = _assertion(line, tokens[1:cut], until_text)
    stream = _Stream(line, tokens[cut + 2:])
    count = stream.word("the number of times")
    if not count.text.isascii() or not count.text.isdigit() or not 1 <= int(count.text) <= MAX_REPEATS:
        raise CheckSyntaxError(f"the number of times must be a whole number from 1 to {MAX_REPEATS}", count.column)
    times = stream.word("'times'")
    if times.text.lower() not in ("times", "time"):
        raise CheckSyntaxError(f"expected 'times' after the number, not {times.shown()}", times.column)
    every = stream.word("'every'")
    if every.text.lower() != "every":
        raise CheckSyntaxError(f"expected 'every T s', not {every.shown()}", every.column)
    interval = stream.word("the interval")
    if not _NUMBER.fullmatch(interval.text):
        raise CheckSyntaxError(f"the interval must be a number of seconds, not {interval.shown()}", interval.column)
    unit = stream.word("the unit (s or ms)")
    if unit.text.lower() not in ("s", "ms"):
        raise CheckSyntaxError(f"the interval's unit is s or ms, not {unit.shown()}", unit.column)
    stream.done("the repeat")
    every_s = float(interval.text) / (1000.0 if unit.text.lower() == "ms" else 1.0)
    return Repeat(line, until, int(count.text), every_s)
