"""GitHub Actions workflow commands: annotations on the lines of a draft.

Printed in a workflow step, ``::error file=…,line=…::message`` puts the
contradiction on the diff of the pull request itself, with no upload step and
no token. Contradicted claims are ``::error``, unverifiable ones ``::notice``,
supported ones print nothing; a claim a plugin failed on is a ``::warning``.

The runner parses these lines, so data is escaped by its rules: in the message
``%``, CR and LF; in property values also ``:`` and ``,`` (which would end
the value). Paths are made relative to the working directory (the checkout on
a runner), because annotations only attach to repository-relative paths.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from verify.hookspecs import hookimpl
from verify.model import Document, Report, Result

COMMANDS = {"contradicted": "error", "unverifiable": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative_path(path: str, root: Path) -> str:
    absolute = Path(os.path.normpath(Path.cwd() / path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def annotation(doc: Document, result: Result, root: Path) -> str | None:
    command = "warning" if result.error else COMMANDS.get(result.verdict)
    if command is None:
        return None
    c = result.claim
    line, col = doc.line_col(c.start)
    end_line, end_col = doc.line_col(c.end)
    title = f"verify {c.checker}" + (" plugin error" if result.error else "")
    props = [("file", relative_path(doc.path, root)), ("line", str(line)), ("col", str(col)),
             ("endLine", str(end_line)), ("endColumn", str(end_col)), ("title", title)]
    message = f"{result.message}\n{result.error}" if result.error else result.message
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{command} {joined}::{escape_data(message)}"


class GithubReporter:
    format = "github"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        root = Path(options.get("root") or Path.cwd()).resolve()
        lines = [a for d in report.documents for r in d.results
                 if (a := annotation(d.document, r, root)) is not None]
        s = report.summary()
        lines.append(f"verify: {s['supported']} supported, {s['contradicted']} contradicted, "
                     f"{s['unverifiable']} unverifiable")
        return "\n".join(lines) + "\n"


@hookimpl
def verify_reporters() -> list[object]:
    return [GithubReporter()]
