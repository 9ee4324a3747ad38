"""Turn raw response bytes, as they arrive, into the body the record keeps: decoded, capped, spooled.

The cap counts decoded bytes, so a small compressed response cannot inflate past it. While a
body is being decoded its raw bytes are kept too (spooled like the body, and dropped at the end)
so that a body that turns out not to decode can still be shown exactly as received.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.transport.decoding import ContentDecoder, DecodingError, decoder_for
from ctct_desktop.transport.spool import SpoolFolder, SpoolWriter


@dataclass(frozen=True)
class KeptBody:
    body: bytes  # the whole body, or its first ``spool_threshold`` bytes when spooled
    path: str  # the spool file holding the whole body, or ""
    size: int
    truncated: bool
    notes: tuple[str, ...]


def describe_size(size: int) -> str:
    """A cap as people write it: 256 MiB, 64 KiB, 1000 bytes."""
    for unit, name in ((1024 * 1024 * 1024, "GiB"), (1024 * 1024, "MiB"), (1024, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    return f"{size} bytes"


class BodyCollector:
    """Feed raw chunks with ``feed`` (False means: stop downloading), then call ``finish``."""

    def __init__(self, content_encoding: str, max_bytes: int, spool_threshold: int,
                 folder: SpoolFolder | None = None) -> None:
        self.max_bytes = max(0, max_bytes)
        self._decoder: ContentDecoder | None
        self._decoder, note = decoder_for(content_encoding)
        self._notes = [note] if note else []
        self._out = SpoolWriter(spool_threshold, folder)
        self._raw = SpoolWriter(spool_threshold, folder) if self._decoder is not None else None
        self.truncated = False

    def feed(self, raw: bytes) -> bool:
        """Keep what ``raw`` decodes to; False once the cap is reached."""
        if self._raw is not None and not self._keep(self._raw, raw):
            return False  # even the compressed form passed the cap: a stream that never ends
        if self._decoder is None:
            return self._keep(self._out, raw)
        try:
            for piece in self._decoder.feed(raw):
                if not self._keep(self._out, piece):
                    return False
        except DecodingError as exc:
            self._fall_back(exc)
        return True

    def _keep(self, writer: SpoolWriter, data: bytes) -> bool:
        room = self.max_bytes - writer.size
        if len(data) <= room:
            writer.write(data)
            return True
        writer.write(data[:room])
        self.truncated = True
        return False

    def _fall_back(self, exc: DecodingError) -> None:
        """Decoding failed: from now on the body is the raw bytes, as received."""
        assert self._raw is not None
        self._out.discard()
        self._out, self._raw, self._decoder = self._raw, None, None
        self._notes.append(f"The body could not be decoded: {exc}. It is shown as received.")

    def finish(self) -> KeptBody:
        if self.truncated:
            decoded = " once decoded" if self._decoder is not None else ""
            self._notes.append(f"The response body passed {describe_size(self.max_bytes)}{decoded} and was cut "
                               "there; the rest was not downloaded.")
        elif self._decoder is not None:
            try:
                self._notes.extend(self._decoder.finish())
            except DecodingError as exc:
                self._fall_back(exc)
        if self._raw is not None:
            self._raw.discard()
            self._raw = None
        out = self._out
        body = out.body()
        return KeptBody(body, out.path, out.size, self.truncated, tuple(self._notes))

    def discard(self) -> None:
        """The exchange failed or was cancelled: delete whatever was spooled."""
        self._out.discard()
        if self._raw is not None:
            self._raw.discard()
