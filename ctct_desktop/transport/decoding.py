"""Undo a response's Content-Encoding as raw bytes arrive, never inflating ahead of the consumer.

httpx inflates a whole body in one go with no limit: a 2 MB gzip response became 2 GiB and
8.4 GB of memory. Here each stage inflates at most ``PIECE`` bytes per step (zlib's
``max_length``) and the stages are chained lazily: the consumer pulls decoded pieces, and when
it stops pulling (the size cap), inflating stops too.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

PIECE = 256 * 1024  # most decoded bytes one step produces
MAX_STAGES = 4  # "gzip, gzip, gzip, ..." past this is kept raw rather than unwound


class DecodingError(Exception):
    """The body does not decode as its Content-Encoding says; the message is for the user."""


class _Stage(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def finish(self) -> str | None: ...  # a note when the stream ended early


class _Zlib:
    """gzip, or deflate in either form servers send: zlib-wrapped (RFC 1950) or raw (RFC 1951)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._pending = b""
        self._seen = False  # an empty body (HEAD, 204) with an encoding header is not a damaged one
        self._inflater: Any = None
        if name != "deflate":
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def _start_deflate(self, data: bytes) -> bytes:
        """Pick zlib or raw deflate from the first two bytes (a zlib header is checksummed)."""
        self._pending += data
        if len(self._pending) < 2:
            return b""
        head, self._pending = self._pending, b""
        wrapped = head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        return head

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._seen = self._seen or bool(data)
        if self._inflater is None:
            data = self._start_deflate(data)
            if self._inflater is None:
                return
        inflater = self._inflater
        while not inflater.eof:  # bytes after the end of the stream are ignored, as httpx does
            try:
                out = inflater.decompress(data, PIECE)
            except zlib.error as exc:
                raise DecodingError(f"the {self.name} data is damaged ({exc})") from exc
            data = inflater.unconsumed_tail
            if out:
                yield out
            if not data and len(out) < PIECE:
                return

    def finish(self) -> str | None:
        if self._pending:
            raise DecodingError(f"the {self.name} data is a single byte long")
        if self._seen and not self._inflater.eof:
            return f"The {self.name} stream ended before its end marker: the body may be incomplete."
        return None


class _Brotli:
    """br, through a brotli module whose decompressor can limit its output (brotli >= 1.2)."""

    name = "br"

    def __init__(self, module: Any, limit_keyword: str) -> None:
        self._module = module
        self._limit = {limit_keyword: PIECE}
        self._decompressor = module.Decompressor()
        self._seen = False

    def _step(self, data: bytes) -> bytes:
        try:
            return bytes(self._decompressor.process(data, **self._limit))
        except self._module.error as exc:
            raise DecodingError(f"the br data is damaged ({exc})") from exc

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._seen = self._seen or bool(data)
        out = self._step(data)
        if out:
            yield out
        while not self._decompressor.can_accept_more_data():  # output still pending: drain it first
            out = self._step(b"")
            if not out:
                raise DecodingError("the br decoder stalled")
            yield out

    def finish(self) -> str | None:
        if self._seen and not self._decompressor.is_finished():
            return "The br stream ended before its end marker: the body may be incomplete."
        return None


def _bounded_brotli() -> tuple[Any, str] | None:
    """The brotli module and the name of its output-limit argument, when it has one, else None.

    Releases name it ``output_buffer_limit`` (1.2) or ``max_output_length`` (later sources)."""
    try:
        module = importlib.import_module("brotli")
    except ImportError:
        return None
    if not hasattr(module.Decompressor, "can_accept_more_data"):
        return None
    for keyword in ("output_buffer_limit", "max_output_length"):
        try:
            module.Decompressor().process(b"", **{keyword: PIECE})
        except TypeError:
            continue
        except Exception:
            return None
        return module, keyword
    return None


def _through(stage: _Stage, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from stage.feed(piece)


class ContentDecoder:
    """A chain of stages, applied in the reverse of the order the header lists the encodings."""

    def __init__(self, stages: list[_Stage]) -> None:
        self._stages = stages

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces for ``data``, produced only as fast as they are consumed."""
        pieces: Iterable[bytes] = (data,)
        for stage in self._stages:
            pieces = _through(stage, pieces)
        return iter(pieces)

    def finish(self) -> list[str]:
        """Notes about streams that ended early; raises DecodingError when one cannot end."""
        notes = (stage.finish() for stage in self._stages)
        return [note for note in notes if note]


def decoder_for(content_encoding: str) -> tuple[ContentDecoder | None, str | None]:
    """The decoder for a Content-Encoding value, or (None, note) when the body is kept as received.

    (None, None) means identity: nothing to undo and nothing to say.
    """
    tokens = [t.strip().lower() for t in content_encoding.split(",")]
    tokens = [t for t in tokens if t and t != "identity"]
    if not tokens:
        return None, None
    if len(tokens) > MAX_STAGES:
        return None, (f"The body is encoded {len(tokens)} times over ({content_encoding}); it is shown as "
                      "received, without decoding.")
    stages: list[_Stage] = []
    for token in reversed(tokens):
        if token in ("gzip", "x-gzip", "deflate"):
            stages.append(_Zlib("gzip" if token == "x-gzip" else token))
        elif token == "br" and (brotli := _bounded_brotli()) is not None:
            stages.append(_Brotli(*brotli))
        elif token == "br":
            return None, ("The body is Brotli-compressed (br) and no brotli module that can decode with a "
                          "size limit is installed; it is shown as received.")
        else:
            return None, f"The body is encoded as '{token}', which this app cannot decode; it is shown as received."
    return ContentDecoder(stages), None
