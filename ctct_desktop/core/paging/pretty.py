"""Pretty-print a body file into a second file, chunk by chunk, for the Pretty view of a body of
any size.

The view shows the formatted file as it grows (its first screen comes from the first chunk) and
switches to Raw, with the reason, when the body turns out not to be well-formed. For XML the
re-indenter (``reindent.py``) is checked by lxml's incremental parser fed the same bytes through
a target that builds nothing (so checking a 100 MB body costs no memory), hardened as
``core/xml_safety`` hardens every parse: entities are never expanded, and a document that
declares them is shown raw, as the whole-document formatter does.
"""

from __future__ import annotations

import codecs
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ctct_desktop.core.formatting import Syntax, detect_syntax
from ctct_desktop.core.paging.json_reindent import JsonReindenter
from ctct_desktop.core.paging.reindent import ReindentError
from ctct_desktop.core.paging.xml_reindent import XmlReindenter
from ctct_desktop.core.ui_pace import give_way
from ctct_desktop.core.xml_safety import ENTITIES_REFUSED, describe_error, hardened_options, without_position

CHUNK_BYTES = 1 << 20
HEAD_BYTES = 16 << 10  # formatted at once, in the UI process, for the first screen (2-3 ms of
# GIL; 64 KB took 8-11 ms, while the window was busy showing the response: screens are a few KB)
_HEAD_BYTES = 64 << 10
_UTF8_BOM = b"\xef\xbb\xbf"


class PrettyCancelled(Exception):
    """The caller's cancel event was set; the partial target file is removed."""


@dataclass(frozen=True)
class PrettyFile:
    """The outcome: the formatted file, or None with why the body is shown raw."""

    path: Path | None
    syntax: Syntax
    note: str | None = None  # "Shown raw: …" when path is None for a body that has a pretty form


class _NoTree:
    """An lxml parser target that keeps nothing: the parser only checks well-formedness."""

    def close(self) -> None:
        return None


def _charset(head: bytes, content_type: str, syntax: Syntax) -> str:
    """The body's encoding: a BOM, then (XML) its declaration, then the Content-Type; UTF-8."""
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return name
    if syntax is Syntax.XML and head.startswith(b"<?xml"):
        declaration = head.split(b"?>", 1)[0]
        for quote in (b'"', b"'"):
            marker = b"encoding=" + quote
            if marker in declaration:
                return declaration.split(marker, 1)[1].split(quote, 1)[0].decode("ascii", "replace")
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return "utf-8"


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name in ("utf-8", "ascii")
    except LookupError:
        return True  # an unknown name: read as UTF-8, as the Raw view does


def _line_column(path: Path, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset of the file (read in chunks, counted in C)."""
    line, read, last_break = 1, 0, -1
    with open(path, "rb") as handle:
        while read < offset:
            piece = handle.read(min(CHUNK_BYTES, offset - read))
            if not piece:
                break
            breaks = piece.count(b"\n")
            if breaks:
                line += breaks
                last_break = read + piece.rindex(b"\n")
            read += len(piece)
    return line, offset - last_break


def pretty_head(source: Path, target: Path, content_type: str = "", size: int = HEAD_BYTES) -> int:
    """Format only the first ``size`` bytes into ``target`` (the first screen, at once, while the
    helper process that formats the whole body starts); the bytes written, 0 when there is no
    pretty form or the head is already broken (the whole run will say why). The re-indenters give
    the same output however the input is cut, so these bytes are the start of the whole output:
    ``pretty_file(..., written=)`` goes on after them."""
    try:
        result = pretty_file(source, target, content_type, chunk=size, head_only=True)
    except (OSError, PrettyCancelled):
        return 0
    if result.path is None:
        return 0
    try:
        return target.stat().st_size
    except OSError:
        return 0


def pretty_rest(source: Path, target: Path, content_type: str, written: int) -> PrettyFile:
    """``pretty_file`` after a ``pretty_head`` of ``written`` bytes (positional arguments, for the
    helper process)."""
    return pretty_file(source, target, content_type, written=written)


def pretty_file(source: Path, target: Path, content_type: str = "", *, chunk: int = CHUNK_BYTES,
                cancel: threading.Event | None = None,
                progress: Callable[[int, int], None] | None = None,
                written: int = 0, head_only: bool = False) -> PrettyFile:
    """Format ``source`` (XML or JSON) into ``target`` as UTF-8; ``progress(read, total)`` after
    each chunk. Other syntaxes have no pretty form (path None, no note). ``written``: the target
    already holds that many bytes of the output (a ``pretty_head``); they are not written again.
    ``head_only``: stop after the first chunk."""
    total = source.stat().st_size
    with open(source, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
    charset = _charset(head, content_type, Syntax.XML)
    readable = head if _is_utf8(charset) else head.decode(charset, "replace").encode("utf-8")
    syntax = detect_syntax(readable, content_type)  # UTF-16 XML is text, not binary
    if syntax not in (Syntax.XML, Syntax.JSON):
        return PrettyFile(None, syntax)
    charset = _charset(head, content_type, syntax)
    decoder = None if _is_utf8(charset) else codecs.getincrementaldecoder(charset)(errors="replace")
    reindenter: XmlReindenter | JsonReindenter = XmlReindenter() if syntax is Syntax.XML else JsonReindenter()
    checker = etree.XMLParser(target=_NoTree(), **hardened_options()) if syntax is Syntax.XML else None
    read = 0
    skip = written
    try:
        with open(source, "rb") as body, open(target, "ab" if written else "wb") as out:
            first = True
            while piece := body.read(chunk):
                if cancel is not None and cancel.is_set():
                    raise PrettyCancelled()
                give_way()  # the first screen's head is formatted in the window's process (core/ui_pace.py)
                read += len(piece)
                if checker is not None:
                    checker.feed(piece)
                data = decoder.decode(piece).encode("utf-8", "surrogatepass") if decoder is not None else piece
                if first:
                    data, first = data.removeprefix(_UTF8_BOM), False
                formatted = reindenter.feed(data)
                if skip:
                    cut = min(skip, len(formatted))
                    formatted, skip = formatted[cut:], skip - cut
                out.write(formatted)
                out.flush()  # a view follows the file as it grows: its first screen is this chunk
                if isinstance(reindenter, XmlReindenter) and reindenter.declares_entities:
                    return _raw(target, syntax, ENTITIES_REFUSED)
                if progress is not None:
                    progress(read, total)
                if head_only:
                    return PrettyFile(target, syntax)
            if decoder is not None:
                out.write(reindenter.feed(decoder.decode(b"", final=True).encode("utf-8")))
            if checker is not None:
                checker.close()
            out.write(reindenter.finish())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        where = f" (line {line}, column {column})" if line else ""
        message = without_position(describe_error(exc.msg or str(exc)))
        return _raw(target, syntax, f"Shown raw: {message}{where}")
    except ReindentError as exc:
        where = "" if decoder is not None else " (line {}, column {})".format(*_line_column(source, exc.offset))
        return _raw(target, syntax, f"Shown raw: {exc.message}{where}")
    except PrettyCancelled:
        target.unlink(missing_ok=True)
        raise
    except (ValueError, MemoryError) as exc:  # lxml's limits that are not syntax errors
        return _raw(target, syntax, f"Shown raw: {describe_error(str(exc))}")
    return PrettyFile(target, syntax)


def _raw(target: Path, syntax: Syntax, note: str) -> PrettyFile:
    target.unlink(missing_ok=True)
    return PrettyFile(None, syntax, note)
