"""The app's log file, with every line passed through the redaction module first.

One rotating file in the platform's log folder; a filter masks Authorization values, secret
parameters and every secret the request pipeline used in this process (core.secret_set) before a
record is written, so a log attached to a ticket leaks nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ctct_desktop.core.redaction import redact_text
from ctct_desktop.core.secret_set import session_secrets

LOGGER_NAME = "ctct_desktop"
LOG_FILE = "ctct-desktop.log"


class RedactingFilter(logging.Filter):
    """Rewrites the record's message (arguments merged in) with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = redact_text(record.getMessage(), session_secrets.current())
        if record.exc_info:
            formatter = logging.Formatter()
            message += "\n" + redact_text(formatter.formatException(record.exc_info), session_secrets.current())
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = message, None
        return True


def configure_logging(folder: Path, level: int = logging.INFO) -> Path | None:
    """Log to ``folder/ctct-desktop.log`` (1 MiB x 3). Returns the path, or None when the folder
    cannot be written (the app then runs without a log rather than failing)."""
    import logging.handlers  # deferred: start-up (measured: sockets, pickle; ~10 ms)

    logger = logging.getLogger(LOGGER_NAME)
    path = folder / LOG_FILE
    for old in [h for h in logger.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if Path(old.baseFilename) == path:
            return path
        logger.removeHandler(old)  # one log file per process: the latest folder wins
        old.close()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1024 * 1024, backupCount=3,
                                                       encoding="utf-8")
    except OSError:
        return None
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def logger(name: str = "") -> logging.Logger:
    return logging.getLogger(f"{LOGGER_NAME}.{name}" if name else LOGGER_NAME)
