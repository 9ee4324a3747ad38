"""What the streamed re-indenters share: their error, the indent, the limit on one token.

The re-indenters (``xml_reindent``, ``json_reindent``) format XML and JSON token by token, a chunk
at a time, so a body of any size is formatted into a file without ever being held whole (the
Pretty view of a 100 MB response). Their output matches the whole-document formatter
(``core/formatting``: lxml's ``indent`` with two spaces, ``json.dumps(indent=2)``) for ordinary
documents. Input and output are UTF-8 (the caller decodes another charset first).
"""

from __future__ import annotations

INDENT = b"  "
INDENTS = [INDENT * depth for depth in range(1024)]  # deeper than any parser allows (256)
MAX_TOKEN_BYTES = 10 << 20  # one tag, text or string larger than this is not formatted (libxml2's own limit)


class ReindentError(ValueError):
    """The body is not well-formed where the re-indenter could tell; says where."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message, self.offset = message, offset
