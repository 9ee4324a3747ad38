"""Split a pasted command line into words, the way bash, Windows cmd or PowerShell would.

Written for curl pastes rather than borrowed from ``shlex``: shlex knows neither ``$'...'``,
cmd's ``^`` escapes nor PowerShell's backticks, and raises on an unclosed quote. Here nothing
raises: an unclosed quote ends at the end of the text. Shell variables (``$TOKEN``,
``${TOKEN}``, ``%TOKEN%``, ``$env:TOKEN``) cannot be known and become ``{{TOKEN}}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BASH, CMD, POWERSHELL = "bash", "cmd", "powershell"
SEPARATOR = "\x00sep"  # a word standing for a command separator (newline, ;, &&, ||, |)
_ANSI = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "e": "\x1b",
         "f": "\f", "v": "\v", "0": "\0"}


@dataclass
class Words:
    """The words of a paste, with the shell variables that were turned into placeholders."""

    words: list[str] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)


def dialect(text: str) -> str:
    """Guess the shell the paste was written for."""
    if re.search(r"`\r?\n", text) or re.search(r"\bcurl\.exe\b", text, re.IGNORECASE) or "$env:" in text:
        return POWERSHELL
    if re.search(r"\^\r?\n", text) or '^"' in text:
        return CMD
    return BASH


def split(text: str, shell: str | None = None) -> Words:
    shell = shell or dialect(text)
    if shell == CMD:
        return _Cmd(text).run()
    if shell == POWERSHELL:
        return _PowerShell(text).run()
    return _Bash(text).run()


class _Splitter:
    """Shared machinery: walk the text, build the current word, end words at blanks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.out = Words()
        self.word: list[str] = []
        self.started = False  # a word has begun (an empty "" is a word)

    def end_word(self) -> None:
        if self.started:
            self.out.words.append("".join(self.word))
        self.word, self.started = [], False

    def separator(self) -> None:
        self.end_word()
        if self.out.words and self.out.words[-1] != SEPARATOR:
            self.out.words.append(SEPARATOR)

    def add(self, piece: str) -> None:
        self.word.append(piece)
        self.started = True

    def placeholder(self, name: str) -> None:
        self.add("{{" + name + "}}")
        if name not in self.out.variables:
            self.out.variables.append(name)

    def variable(self, pattern: re.Pattern[str]) -> bool:
        match = pattern.match(self.text, self.pos)
        if match is None:
            return False
        self.placeholder(next(g for g in match.groups() if g))
        self.pos = match.end()
        return True

    def blank_or_separator(self, ch: str) -> bool:
        if ch in " \t":
            self.end_word()
        elif ch in "\r\n":
            self.separator()
        elif ch in ";|&":
            self.separator()
            while self.pos < len(self.text) and self.text[self.pos] in "|&":
                self.pos += 1
        else:
            return False
        return True

    PLAIN = re.compile(r"[^\\'\"$#\s;|&]+")  # characters that mean themselves, taken as a run

    def run(self) -> Words:
        while self.pos < len(self.text):
            plain = self.PLAIN.match(self.text, self.pos)
            if plain is not None:
                self.add(plain.group())
                self.pos = plain.end()
                continue
            ch = self.text[self.pos]
            self.pos += 1
            self.step(ch)
        self.end_word()
        return self.out

    def step(self, ch: str) -> None:  # pragma: no cover - every dialect overrides it
        raise NotImplementedError


class _Bash(_Splitter):
    def step(self, ch: str) -> None:
        text = self.text
        if ch == "\\":
            nxt = text[self.pos:self.pos + 1]
            if nxt == "\r" and text[self.pos + 1:self.pos + 2] == "\n":
                self.pos += 2
            elif nxt == "\n":
                self.pos += 1
            elif nxt:
                self.add(nxt)
                self.pos += 1
        elif ch == "'":
            end = text.find("'", self.pos)
            end = len(text) if end < 0 else end
            self.add(text[self.pos:end])
            self.pos = end + 1
        elif ch == "$" and text[self.pos:self.pos + 1] == "'":
            self.pos += 1
            self.ansi_quoted()
        elif ch == '"':
            self.double_quoted()
        elif ch == "$":
            if not self.variable(_VAR_AFTER_DOLLAR):
                self.add("$")
        elif ch == "#" and not self.started:
            end = text.find("\n", self.pos)
            self.pos = len(text) if end < 0 else end
        elif not self.blank_or_separator(ch):
            self.add(ch)

    def ansi_quoted(self) -> None:
        text = self.text
        while self.pos < len(text) and text[self.pos] != "'":
            ch = text[self.pos]
            if ch == "\\" and self.pos + 1 < len(text):
                self.add(_ANSI.get(text[self.pos + 1], "\\" + text[self.pos + 1]))
                self.pos += 2
            else:
                self.add(ch)
                self.pos += 1
        self.pos += 1
        self.started = True

    def double_quoted(self) -> None:
        text = self.text
        self.started = True
        while self.pos < len(text) and text[self.pos] != '"':
            ch = text[self.pos]
            self.pos += 1
            if ch == "\\" and self.pos < len(text) and text[self.pos] in '$`"\\\n':
                if text[self.pos] != "\n":
                    self.add(text[self.pos])
                self.pos += 1
            elif ch == "$" and self.variable(_VAR_AFTER_DOLLAR):
                continue
            else:
                self.add(ch)
        self.pos += 1


_VAR_AFTER_DOLLAR = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)")


class _Cmd(_Splitter):
    """cmd.exe: ``^`` escapes the next character (``^`` + newline continues the line), then the
    C runtime splits on blanks with double quotes (``""`` or ``\\"`` inside them is a quote)."""

    PLAIN = re.compile(r"[^\^\"\\%\s;|&]+")

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.quoted = False

    def step(self, ch: str) -> None:
        text = self.text
        if ch == "^":
            nxt = text[self.pos:self.pos + 1]
            if nxt == "\r" and text[self.pos + 1:self.pos + 2] == "\n":
                self.pos += 2
            elif nxt == "\n":
                self.pos += 1
            elif nxt == '"':
                self.pos += 1
                self.quote()
            elif nxt:
                self.add(nxt)
                self.pos += 1
        elif ch == '"':
            self.quote()
        elif ch == "\\" and text[self.pos:self.pos + 1] == '"':
            self.add('"')
            self.pos += 1
        elif ch == "%" and self.variable(_CMD_VAR_AFTER):
            return
        elif self.quoted and ch not in "\r\n":
            self.add(ch)
        elif not self.blank_or_separator(ch):
            self.add(ch)

    def quote(self) -> None:
        if self.quoted and self.text[self.pos:self.pos + 1] == '"':
            self.add('"')
            self.pos += 1
            return
        self.quoted = not self.quoted
        self.started = True

    def separator(self) -> None:
        self.quoted = False
        super().separator()


_CMD_VAR_AFTER = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)%")


class _PowerShell(_Splitter):
    """PowerShell: a backtick escapes (backtick + newline continues), single quotes are literal
    (``''`` is one quote), double quotes expand ``$variables``."""

    PLAIN = re.compile(r"[^`'\"$#\s;|&]+")

    def step(self, ch: str) -> None:
        text = self.text
        if ch == "`":
            nxt = text[self.pos:self.pos + 1]
            if nxt == "\r" and text[self.pos + 1:self.pos + 2] == "\n":
                self.pos += 2
            elif nxt == "\n":
                self.pos += 1
            elif nxt:
                self.add({"n": "\n", "t": "\t", "r": "\r"}.get(nxt, nxt))
                self.pos += 1
        elif ch == "'":
            self.single_quoted()
        elif ch == '"':
            self.double_quoted()
        elif ch == "$" and self.variable(_PS_VAR_AFTER):
            return
        elif ch == "#" and not self.started:
            end = text.find("\n", self.pos)
            self.pos = len(text) if end < 0 else end
        elif not self.blank_or_separator(ch):
            self.add(ch)

    def single_quoted(self) -> None:
        text = self.text
        self.started = True
        while self.pos < len(text):
            ch = text[self.pos]
            self.pos += 1
            if ch == "'":
                if text[self.pos:self.pos + 1] == "'":
                    self.add("'")
                    self.pos += 1
                    continue
                return
            self.add(ch)

    def double_quoted(self) -> None:
        text = self.text
        self.started = True
        while self.pos < len(text):
            ch = text[self.pos]
            self.pos += 1
            if ch == '"':
                if text[self.pos:self.pos + 1] == '"':
                    self.add('"')
                    self.pos += 1
                    continue
                return
            if ch == "`" and self.pos < len(text):
                self.add({"n": "\n", "t": "\t", "r": "\r"}.get(text[self.pos], text[self.pos]))
                self.pos += 1
            elif ch == "$" and self.variable(_PS_VAR_AFTER):
                continue
            else:
                self.add(ch)


_PS_VAR_AFTER = re.compile(r"(?:env:)?([A-Za-z_][A-Za-z0-9_]*)|\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}")


def commands(words: list[str], program: re.Pattern[str]) -> list[list[str]]:
    """The argument lists of every command whose first word matches ``program``."""
    found: list[list[str]] = []
    current: list[str] | None = None
    at_start = True
    for word in words:
        if word == SEPARATOR:
            at_start, current = True, None
            continue
        if at_start and program.fullmatch(word):
            current = []
            found.append(current)
        elif current is not None:
            current.append(word)
        at_start = False if not (at_start and word in ("$", ">", "PS>", "sudo")) else at_start
    return found
