"""``verify plugins``: what is loaded, where it came from, what it provides (like ``datasette plugins``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from verify.plugins import failed_plugins, get_plugin_manager, origins, provided


@click.command("plugins")
@click.option("--plugin", "plugin", multiple=True, metavar="FILE|MODULE", help="Also load this plugin.")
@click.option("--no-plugin", "no_plugin", multiple=True, metavar="NAME", help="Do not load this plugin.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def plugins_command(plugin: Sequence[str], no_plugin: Sequence[str], fmt: str) -> None:
    """List every loaded plugin, where it came from, and what it provides."""
    pm = get_plugin_manager(extra=plugin, disabled=no_plugin)
    where = origins(pm)
    rows = []
    for name, module in sorted(pm.list_name_plugin(), key=lambda x: x[0]):
        hooks = sorted(h.name for h in pm.get_hookcallers(module) or [])
        rows.append({"name": name, "origin": where.get(name, "?"), "hooks": hooks,
                     "provides": provided(pm, module)})
    if fmt == "json":
        click.echo(json.dumps({"plugins": rows, "failed": failed_plugins(pm)}, indent=2))
        return
    for row in rows:
        click.echo(f"{row['name']}  [{row['origin']}]")
        for kind, items in row["provides"].items():
            click.echo(f"    {kind}: {', '.join(items)}")
    for name in failed_plugins(pm):
        click.echo(f"{name}  [FAILED: see the warning above]")


COMMANDS = [plugins_command]
