"""Typer in Dutch: help headings, the help texts of Typer's own options, and usage errors.

Typer's plain help formatter writes English words and has no Dutch catalogue; this adapter is
the one place that knows about that.
"""

from __future__ import annotations

from typing import Any

import typer
from typer import _click as click

_TYPER_WORDS = {
    "Options": "Opties",
    "Arguments": "Argumenten",
    "Commands": "Opdrachten",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "required": "verplicht",
    "(dynamic)": "(berekend)",
    "Aborted!": "Afgebroken.",
    "Missing command.": "Geef een opdracht.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
}
_PARAM_HELP = {
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Install completion for the current shell.": "Installeer tab-aanvulling voor de huidige shell.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Toon de tab-aanvulling voor de huidige shell, om te kopiëren of aan te passen."
    ),
}
# Typer formats its help headings through gettext; it has no Dutch catalogue, so we give it ours.
setattr(typer.core, "_", lambda text: _TYPER_WORDS.get(text, text))  # noqa: B010


class _DutchHelp:
    """Mixin: Dutch help texts for the options Typer adds itself, and a Dutch usage line."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params: list[click.Parameter] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            text = getattr(param, "help", None)
            if text in _PARAM_HELP:
                param.help = _PARAM_HELP[text]  # type: ignore[attr-defined]
        return params

    def get_short_help_str(self, limit: int = 45) -> str:
        """The whole first paragraph of the help: the command list wraps it, never cuts it."""
        text = getattr(self, "short_help", None) or getattr(self, "help", None) or ""
        return " ".join(text.split("\n\n", 1)[0].split())

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Gebruik: ")


class DutchGroup(_DutchHelp, typer.core.TyperGroup):
    """The top-level command group, with Dutch help."""


class DutchCommand(_DutchHelp, typer.core.TyperCommand):
    """A command with Dutch help."""


def _param_name(param: Any) -> str:
    opts = getattr(param, "opts", None)
    if opts and str(opts[0]).startswith("-"):
        return " / ".join(opts)
    metavar = getattr(param, "metavar", None)
    return str(metavar or getattr(param, "name", None) or "waarde").upper()


def usage_message(error: click.exceptions.ClickException) -> str:
    """Click's usage errors, in Dutch."""
    exceptions = click.exceptions
    if isinstance(error, exceptions.NoSuchOption):
        hint = ""
        if error.possibilities:
            hint = f" Bedoelde u: {', '.join(sorted(error.possibilities))}?"
        return f"onbekende optie '{error.option_name}'.{hint}"
    if isinstance(error, exceptions.MissingParameter):
        return f"ontbreekt: {_param_name(error.param)}"
    if isinstance(error, exceptions.BadParameter):
        message = error.message.removeprefix("Value error, ")
        value, sep, choices = message.partition(" is not one of ")
        if sep:
            message = f"{value} is niet toegestaan; kies uit {choices.rstrip('.')}"
        return f"ongeldige waarde voor {_param_name(error.param)}: {message}"
    if isinstance(error, exceptions.BadOptionUsage):
        return f"optie '{error.option_name}' verwacht een waarde"
    message = error.format_message().replace("Did you mean", "Bedoelde u")
    if message.startswith("Got unexpected extra argument"):
        return "onverwacht extra argument" + message.partition("argument")[2]
    return message


def command_path(group: click.Command, argv: list[str], prog: str) -> str:
    """'stappenplan afspraken check' for argv ['afspraken', 'check', '--steps']: the command
    whose help a usage error should point to, also when Click gives no context (a missing
    option value is found before the command's context exists)."""
    path = [prog]
    command: Any = group
    for word in argv:
        sub = command.commands.get(word) if hasattr(command, "commands") else None
        if sub is None:
            break
        path.append(word)
        command = sub
    return " ".join(path)
