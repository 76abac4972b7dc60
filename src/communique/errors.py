"""The exception tree of communique: every class communique raises on purpose is defined here.

    CommuniqueError                 base of everything communique raises on purpose
    ├── InputError                  a document could not be read (one-line message, names the file)
    │   ├── EmptyInputError         the file holds no text
    │   ├── TooLargeError           over the configured size limit
    │   ├── UnsupportedFormatError  binary junk, unknown extension
    │   ├── DecodeError             text that no supported encoding decodes
    │   ├── PdfError                corrupt, encrypted or text-less PDF
    │   └── NoArticleError          HTML with no article text
    ├── ConfigError                 bad configuration or model name
    │   └── PublishedDateError      a ``published`` date that is no YYYY-MM-DD calendar date (also a DateError)
    ├── DateError                   a date given by a user that is no YYYY-MM-DD calendar date (also a ValueError)
    │   └── PublishedDateError      (see above)
    ├── FilterError                 an event filter that cannot be applied (bad country code, day, dyad …)
    ├── StageError                  a pipeline stage failed; names the stage
    ├── StageContractError          stages in an order that leaves a need unmet, or a stage that broke
    │                               its contract (returned no Document, changed an undeclared field)
    ├── StoreError                  the DuckDB store could not be opened or written
    ├── ExportError                 an export that could not be written
    ├── EvaluationError             a dataset or scoring module that cannot be used
    ├── NotFoundError               (HTTP API) an id the store does not hold
    ├── UnsupportedMediaError       (HTTP API) a body sent with a content type no reader reads
    └── ReadOnlyError               (HTTP API) a write asked of a server started with --read-only

Each message is meant for a user: ``str(error)`` is one line saying which file
and what was wrong. The shells turn these into output: the CLI prints the line and
exits 1 (2 for a bad option), the HTTP API answers with the status of
``communique.api.app``'s table.
"""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class of communique's own errors."""


class InputError(CommuniqueError):
    """A document could not be read."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInputError(InputError):
    pass


class TooLargeError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class DecodeError(InputError):
    pass


class PdfError(InputError):
    pass


class NoArticleError(InputError):
    pass


class ConfigError(CommuniqueError):
    pass


class DateError(CommuniqueError, ValueError):
    """A date given by a user (an option, a parameter, a field) that is not a calendar date written YYYY-MM-DD."""


class PublishedDateError(DateError, ConfigError):
    """A ``published`` date that is not a calendar date written YYYY-MM-DD."""


class FilterError(CommuniqueError):
    """An event filter that cannot be applied; the message names the filter and the value."""


class StageError(CommuniqueError):
    def __init__(self, stage: str, source: str, reason: str) -> None:
        self.stage = stage
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: stage {stage!r} failed: {reason}")


class StageContractError(CommuniqueError):
    """A pipeline built or run against the stage contract (a bug in the stage list, not in the input)."""


class StoreError(CommuniqueError):
    pass


class ExportError(CommuniqueError):
    pass


class EvaluationError(CommuniqueError):
    """A dataset or scoring module could not be used; the message is one line for a user."""


class NotFoundError(CommuniqueError):
    """An id the store does not hold."""


class UnsupportedMediaError(CommuniqueError):
    """A body sent with a content type no reader reads."""


class ReadOnlyError(CommuniqueError):
    """A write asked of a server started with --read-only."""
