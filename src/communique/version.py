"""The version of communique, recorded on every stored document (kept apart so any module can read it)."""

__version__ = "0.1.0"
