"""Input errors: one line, with file, line and column where they exist.

Every bad input ends as an ``InputError``; the CLI prints ``str(error)`` and
exits 2. Nothing else is allowed to reach the user as a traceback.
"""

from __future__ import annotations


class InputError(Exception):
    """A problem with something the user gave us (file, option, rule, fact)."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}".replace("\n", " ")


class PluginError(Exception):
    """A plugin failed; the run goes on and the failure is reported."""
