"""Bodies the tests and benchmarks share: a large minified Atom feed, hostile XML."""

from __future__ import annotations

from functools import lru_cache

ENTITY_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n<lolz>&lol3;</lolz>\n'
)
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<r>&xxe;</r>\n'
# Both attacks in one document, as a hostile server might send.
HOSTILE_XML = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
               b' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
               b' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n'
               b' <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<lolz>&lol2;&xxe;</lolz>\n')


@lru_cache(maxsize=2)
def large_xml(target_bytes: int = 20 * 1024 * 1024) -> bytes:
    """A minified Atom feed of about ``target_bytes``: one long line, as real APIs send it."""
    parts = [b'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">']
    size, i = len(parts[0]), 0
    while size < target_bytes:
        entry = (f'<entry><id>http://api.constantcontact.com/ws/customers/joe/contacts/{i}</id>'
                 f'<title type="text">Contact {i}</title><updated>2026-01-01T00:00:00Z</updated>'
                 f'<content type="application/vnd.ctct+xml"><Contact id="{i}"><EmailAddress>user{i}@example.com'
                 f'</EmailAddress><Status>Active</Status></Contact></content></entry>').encode()
        parts.append(entry)
        size += len(entry)
        i += 1
    parts.append(b"</feed>")
    return b"".join(parts)
