"""Keep the bot token out of every log record (defence in depth).

The code never logs the token on purpose, but httpx logs request URLs and Telegram's URLs
embed it. Installed by the entry point, the redactor rewrites each record as it is created,
so no handler, formatter or test capture ever sees the secret.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

MASK = "<token>"


class TokenRedactor(logging.Filter):
    def __init__(self, *secrets: str | None) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A malformed call: logging reports it at emit time, printing msg and args raw.
            record.msg = self.redact(str(record.msg))
            if isinstance(record.args, tuple):
                record.args = tuple(self.redact(str(arg)) for arg in record.args)
            return True
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


def install_token_redaction(*secrets: str | None) -> Callable[[], None]:
    """Redact `secrets` from every record from now on; returns a function that undoes it."""
    redactor = TokenRedactor(*secrets)
    if not redactor.secrets:
        return lambda: None
    previous = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        redactor.filter(record)
        return record

    logging.setLogRecordFactory(factory)
    root_handlers = list(logging.getLogger().handlers)
    for handler in root_handlers:
        handler.addFilter(redactor)

    def uninstall() -> None:
        if logging.getLogRecordFactory() is factory:
            logging.setLogRecordFactory(previous)
        for handler in root_handlers:
            handler.removeFilter(redactor)

    return uninstall
