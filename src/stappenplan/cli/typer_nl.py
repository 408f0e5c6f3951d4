"""Typer in Dutch: help headings, the help texts of Typer's own options, and usage errors.

Typer writes English words and has no Dutch catalogue. The command classes below use Typer's
documented `cls=` hook and click's public help methods (`format_usage`, `format_options`,
`format_commands`, `get_params`) to write the help in Dutch; nothing is patched and no private
module is imported. Usage errors are recognised by the names of their classes (click's, which
newer Typer versions bundle under a private name) and translated here.
"""

from __future__ import annotations

import re
from typing import Any

import typer
import typer.core

from stappenplan.cli.common import ReaderGone
from stappenplan.text import excerpt

_PARAM_HELP = {
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Install completion for the current shell.": "Installeer tab-aanvulling voor de huidige shell.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Toon de tab-aanvulling voor de huidige shell, om te kopiëren of aan te passen."
    ),
}
_EXTRA_WORDS = (
    ("default: ", "standaard: "),
    ("env var: ", "omgevingsvariabele: "),
    ("required", "verplicht"),
    ("(dynamic)", "(berekend)"),
)
_EXTRA = re.compile(r"\[[^\[\]]*\]$")
"""The bracketed notes Typer adds to an option's help (default, environment variable)."""


def _dutch_extra(help_text: str) -> str:
    def translate(match: re.Match[str]) -> str:
        text = match.group()
        for english, dutch in _EXTRA_WORDS:
            text = text.replace(english, dutch)
        return text

    return _EXTRA.sub(translate, help_text)


class _DutchHelp:
    """Mixin: Dutch usage line, headings and help texts of the options Typer adds itself."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            text = getattr(param, "help", None)
            if text in _PARAM_HELP:
                param.help = _PARAM_HELP[text]
        return params

    def get_short_help_str(self, limit: int = 45) -> str:
        """The whole first paragraph of the help: the command list wraps it, never cuts it."""
        text = getattr(self, "short_help", None) or getattr(self, "help", None) or ""
        return " ".join(text.split("\n\n", 1)[0].split())

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Gebruik: ")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            row = (record[0], _dutch_extra(record[1]))
            (arguments if param.param_type_name == "argument" else options).append(row)
        if arguments:
            with formatter.section("Argumenten"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Opties"):
                formatter.write_dl(options)


class DutchCommand(_DutchHelp, typer.core.TyperCommand):
    """A command with Dutch help."""


class DutchGroup(_DutchHelp, typer.core.TyperGroup):
    """A command group with Dutch help.

    A reader of standard output that went away (a broken pipe: `| head`, `| true`) becomes
    `ReaderGone` here, before click sees it: click would end the run with exit code 1.
    Parsing (which prints --help and --version) and running the commands both pass here.
    """

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            raise ReaderGone from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise ReaderGone from None

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Without arguments: the help and exit code 2, the same with every click version (click
        # 8.0 prints the help and exits 0; later versions raise a usage error).
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            raise HelpWithoutArguments(ctx)
        return list(super().parse_args(ctx, args))

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        with formatter.section("Opdrachten"):
            formatter.write_dl(
                [(name, command.get_short_help_str(limit)) for name, command in commands]
            )


def _kinds(error: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(error).__mro__}


def is_usage_error(error: BaseException) -> bool:
    """Whether an error is click's complaint about the command line (exit code 2)."""
    return "ClickException" in _kinds(error) and hasattr(error, "format_message")


class HelpWithoutArguments(Exception):
    """A command group was given no arguments: `run` shows its help (exit code 2)."""

    def __init__(self, ctx: Any) -> None:
        super().__init__("geen argumenten")
        self.ctx = ctx


def is_help_without_arguments(error: BaseException) -> bool:
    """Whether the error stands for 'no arguments given: show the help' (every group of the
    app is a `DutchGroup`, which raises it before click's own handling)."""
    return isinstance(error, HelpWithoutArguments)


def _param_name(param: Any) -> str:
    opts = getattr(param, "opts", None)
    if opts and str(opts[0]).startswith("-"):
        return " / ".join(opts)
    metavar = getattr(param, "metavar", None)
    return str(metavar or getattr(param, "name", None) or "waarde").upper()


_MESSAGES = {
    "Missing command.": "Geef een opdracht.",
}
_NO_SUCH_COMMAND = re.compile(r"^No such command (?P<name>.+)\.$")
_PATH_CHECK = re.compile(
    r"^(?:file|dir|directory|path) (?P<name>'.*'|\".*\") "
    r"(?P<what>does not exist|is a file|is a directory|is not readable|is not writable)\.$",
    re.DOTALL | re.IGNORECASE,
)
"""Typer's own checks of a path option (it names the path, then what is wrong; click 8.0
writes 'Path', 'File' or 'Directory' with a capital)."""
_PATH_PROBLEMS = {
    "does not exist": "bestaat niet",
    "is a file": "is een bestand, geen map",
    "is a directory": "is een map, geen bestand",
    "is not readable": "kan niet gelezen worden (geen toestemming)",
    "is not writable": "kan niet geschreven worden (geen toestemming)",
}


def _short_quoted(text: str) -> str:
    """A value as click quotes it ('…'), shortened inside its quotes."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return f"{text[0]}{excerpt(text[1:-1])}{text[0]}"
    return excerpt(text)


def _bad_value(message: str) -> str:
    """A BadParameter message in Dutch, with the value quoted short."""
    message = message.removeprefix("Value error, ")
    if found := _PATH_CHECK.match(message):
        return f"{excerpt(found['name'][1:-1])} {_PATH_PROBLEMS[found['what'].lower()]}"
    value, sep, choices = message.partition(" is not one of ")
    if sep:
        return f"{_short_quoted(value)} is niet toegestaan; kies uit {choices.rstrip('.')}"
    return excerpt(message, 300)


def usage_message(error: Any) -> str:
    """Click's usage errors, in Dutch."""
    kinds = _kinds(error)
    if "NoSuchOption" in kinds:
        hint = ""
        if error.possibilities:
            hint = f" Bedoelde u: {', '.join(sorted(error.possibilities))}?"
        return f"onbekende optie '{excerpt(error.option_name)}'.{hint}"
    if "MissingParameter" in kinds:
        return f"ontbreekt: {_param_name(error.param)}"
    if "BadParameter" in kinds:
        return f"ongeldige waarde voor {_param_name(error.param)}: {_bad_value(str(error.message))}"
    if "BadOptionUsage" in kinds:
        return f"optie '{excerpt(error.option_name)}' verwacht een waarde"
    message = str(error.format_message())
    if message in _MESSAGES:
        return _MESSAGES[message]
    if found := _NO_SUCH_COMMAND.match(message):
        return f"Onbekende opdracht {_short_quoted(found['name'])}."
    message = message.replace("Did you mean", "Bedoelde u")
    if message.startswith("Got unexpected extra argument"):
        # click: 'Got unexpected extra argument(s) (x y)', one form for one and for several;
        # click 8.0/8.1: 'argument (x)' or 'arguments (x y)'.
        extra = message.partition(" (")[2].removesuffix(")")
        return f"te veel argumenten; niet verwacht: {_short_quoted(extra)}"
    return excerpt(message, 300)


def command_path(group: Any, argv: list[str], prog: str) -> str:
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
