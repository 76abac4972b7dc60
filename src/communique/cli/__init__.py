"""The command line: a thin shell over the library (``communique.library``).

Each sub-module registers its commands on :data:`main`. Errors a user can fix are
printed as one line on stderr; exit status 0 = all went in, 1 = something failed,
2 = usage error.
"""

from __future__ import annotations

import importlib

import click

from communique.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="communique")
def main() -> None:
    """communique: geopolitical news and policy documents as event data."""


# One module per family of commands; each adds its commands to `main` on import.
_COMMAND_MODULES = (
    "communique.cli.documents",
    "communique.cli.query",
    "communique.cli.serve",
    "communique.cli.evaluate",
)

for _module in _COMMAND_MODULES:
    importlib.import_module(_module)
