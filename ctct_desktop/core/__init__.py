"""Pure-Python core: models, URLs, XML safety, formatting, redaction. Never imports Qt."""
