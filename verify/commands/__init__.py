"""Subcommands beyond ``verify check``, one module per group, added to the CLI by ``register``.

Each module defines click commands and stays a thin shell over library code.
"""

from __future__ import annotations

import importlib

import click

MODULES = ("verify.commands.rules", "verify.commands.facts", "verify.commands.schema", "verify.commands.plugins",
           "verify.commands.suites", "verify.commands.baseline")


def register(main: click.Group) -> None:
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        for command in getattr(module, "COMMANDS", ()):
            main.add_command(command)
