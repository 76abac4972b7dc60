"""The exception tree of communique.

    CommuniqueError                 base of everything communique raises on purpose
    ├── InputError                  a document could not be read (one-line message, names the file)
    │   ├── EmptyInputError         the file holds no text
    │   ├── TooLargeError           over the configured size limit
    │   ├── UnsupportedFormatError  binary junk, unknown extension
    │   ├── DecodeError             text that no supported encoding decodes
    │   ├── PdfError                corrupt, encrypted or text-less PDF
    │   └── NoArticleError          HTML with no article text
    ├── ConfigError                 bad configuration or model name
    ├── StageError                  a pipeline stage failed; names the stage
    ├── StageContractError          stages in an order that leaves a need unmet, or a stage that broke
    │                               its contract (returned no Document, changed an undeclared field)
    └── StoreError                  the DuckDB store could not be opened or written

Each message is meant for a user: ``str(error)`` is one line saying which file
and what was wrong.
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
