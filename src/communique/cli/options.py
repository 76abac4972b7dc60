"""The options and error handling every family of commands shares.

    @main.command()
    @db_option
    @knowledge_options          # --kb, --lexicon, --reporting-verbs
    @config_option
    @user_errors
    def command(db, kb, lexicon, reporting_verbs, config_file): ...
        config = load_config(config_file, kb, lexicon, reporting_verbs, db=db)
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from communique.config import Config
from communique.errors import CommuniqueError, DateError, FilterError

F = TypeVar("F", bound=Callable[..., Any])

model_option = click.option("--model", metavar="NAME", help="Installed spaCy pipeline to use (env COMMUNIQUE_MODEL).")
db_option = click.option("--db", metavar="FILE", help="DuckDB store (default communique.duckdb; env COMMUNIQUE_DB).")
config_option = click.option(
    "--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
    help="TOML config file (default ./communique.toml; env COMMUNIQUE_CONFIG).",
)
_KNOWLEDGE = (
    click.option(
        "--kb", multiple=True, metavar="FILE", type=click.Path(dir_okay=False),
        help="Your own knowledge-base file (JSON or TSV, as in communique/kb/data); repeatable, added to the "
             "config's.",
    ),
    click.option(
        "--lexicon", multiple=True, metavar="FILE", type=click.Path(dir_okay=False),
        help="Your own verb-lexicon file; repeatable, added to the config's (env COMMUNIQUE_LEXICON).",
    ),
    click.option(
        "--reporting-verbs", multiple=True, metavar="FILE", type=click.Path(dir_okay=False),
        help="Your own reporting-verb file; repeatable, added to the config's (env COMMUNIQUE_REPORTING_VERBS).",
    ),
)


def knowledge_options(command: F) -> F:
    """``--kb``, ``--lexicon`` and ``--reporting-verbs``: the user's own knowledge files, each repeatable."""
    for option in reversed(_KNOWLEDGE):
        command = option(command)
    return command


def load_config(
    config_file: str | None, kb: tuple[str, ...] = (), lexicon: tuple[str, ...] = (),
    reporting_verbs: tuple[str, ...] = (), **overrides: Any,
) -> Config:
    """The configuration (file, environment, ``overrides``), with the knowledge files of the options added."""
    config = Config.load(config_file, **overrides)
    added = {"kb": kb, "lexicon": lexicon, "reporting_verbs": reporting_verbs}
    changes = {name: getattr(config, name) + tuple(files) for name, files in added.items() if files}
    return dataclasses.replace(config, **changes) if changes else config


def user_errors(command: F) -> F:
    """communique's own errors as one line on stderr and exit status 1 (2 for a bad filter or date); no traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (FilterError, DateError) as exc:
            raise click.UsageError(str(exc), click.get_current_context(silent=True)) from None
        except CommuniqueError as exc:
            click.echo(f"communique: {exc}", err=True)
            raise click.exceptions.Exit(1) from None
        except KeyboardInterrupt:
            click.echo("communique: interrupted (stored documents are kept; run again to resume)", err=True)
            raise click.exceptions.Exit(130) from None

    return wrapper  # type: ignore[return-value]
