"""Asking questions at the terminal: the adapter for questionary and prompt_toolkit (with
`stappenplan.terminal.list_keys`, the key bindings on its lists).

questionary and prompt_toolkit are imported inside the functions that use them, so importing
this module (or the package) never loads them, and scripted runs never do.

Two modes. The normal mode shows a list to move through with the arrow keys (or by typing an
option's number) and Enter. The plain mode (``--plain``, and automatically with ``TERM=dumb``)
prints numbered options and reads a typed line: no cursor keys, no colour, screen-reader
friendly.

In both modes Ctrl-C raises KeyboardInterrupt and a closed input raises EOFError, so the
caller can save progress.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from stappenplan.terminal.choices import (
    BACK,
    CHECKBOX_HINT,
    CHOOSE_HINT,
    SELECT_HINT,
    Back,
    Option,
    Reply,
    extra_options,
    numbered,
    reply_for,
    screen_width,
    too_few,
)
from stappenplan.terminal.list_keys import (
    bind_checkbox_extras,
    bind_number_keys,
    enter_after_a_choice,
    untick_extras,
)
from stappenplan.terminal.plain import PlainMode
from stappenplan.text import clean, stand_in

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output


class Prompter(PlainMode):
    """Asks questions, as arrow-key lists or in plain mode.

    Every text shown (messages, labels, defaults) passes `_fit` here, in both modes: labels
    and questions come from a plan, and no escape sequence or bidi control in them may reach
    the terminal; a terminal that cannot show 'é' gets 'e'.

    Args:
        plain: numbered options read as typed lines (no cursor keys, no colour).
        input: a prompt_toolkit input; tests pass `create_pipe_input()`.
        output: a prompt_toolkit output; tests pass `DummyOutput()`.
        stdin: where plain mode reads lines (default: the terminal, through `input()`).
        stdout: where plain mode writes (default: standard output).
    """

    def __init__(
        self,
        *,
        plain: bool = False,
        input: Input | None = None,
        output: Output | None = None,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.plain = plain
        self._input = input
        self._output = output
        self._stdin = stdin
        self._stdout = stdout

    # --- the questions ------------------------------------------------------------------------

    def select(
        self,
        options: Sequence[Option],
        *,
        default: str | None = None,
        can_go_back: bool = False,
        explain: Callable[[], None] | None = None,
        message: str = "Uw antwoord",
    ) -> str | Back:
        """Ask for exactly one option and return its value, or BACK.

        `default` is preselected (Enter takes it). With `explain`, the extra option
        "Meer uitleg" calls it and then asks again.

        Raises:
            KeyboardInterrupt: on Ctrl-C.
            EOFError: when the input is closed.
        """
        options, message = _shown(options), _fit(message)
        current = default
        while True:
            if self.plain:
                reply = self._plain_select(options, current, can_go_back, explain is not None)
            else:
                reply = self._list_select(
                    message, options, current, can_go_back, explain is not None
                )
            if reply.action == "back":
                return BACK
            if reply.action == "answer":
                return reply.values[0]
            if explain is not None:
                explain()

    def checkbox(
        self,
        options: Sequence[Option],
        *,
        default: Sequence[str] = (),
        min_choices: int = 0,
        can_go_back: bool = False,
        explain: Callable[[], None] | None = None,
        message: str = "Uw antwoord",
    ) -> tuple[str, ...] | Back:
        """Ask for any number of options, at least `min_choices`; values in option order.

        The options in `default` start ticked. "Meer uitleg" keeps the ticks made so far.

        Raises:
            KeyboardInterrupt: on Ctrl-C.
            EOFError: when the input is closed.
        """
        options, message = _shown(options), _fit(message)
        current = tuple(default)
        while True:
            if self.plain:
                reply = self._plain_checkbox(
                    options, current, min_choices, can_go_back, explain is not None
                )
            else:
                reply = self._list_checkbox(
                    message, options, current, min_choices, can_go_back, explain is not None
                )
            if reply.action == "back":
                return BACK
            chosen = set(reply.values)
            current = tuple(option.value for option in options if option.value in chosen)
            if reply.action == "answer":
                return current
            if explain is not None:
                explain()

    def confirm(self, message: str, *, default: bool = True) -> bool:
        """A yes/no question; Enter takes the default.

        Raises:
            KeyboardInterrupt: on Ctrl-C.
            EOFError: when the input is closed.
        """
        message = _fit(message)
        options = (Option("ja", "Ja"), Option("nee", "Nee"))
        preselect = "ja" if default else "nee"
        if self.plain:
            self._write(message)
            reply = self._plain_select(
                options, preselect, False, False, aliases={"j": "ja", "n": "nee"}
            )
            return reply.values[0] == "ja"
        import questionary  # loaded only when a question is asked (the fence)

        question = questionary.select(
            message,
            choices=[questionary.Choice(option.label, option.value) for option in options],
            default=preselect,
            qmark="?",
            pointer="»",
            instruction=" ",
            use_jk_keys=False,
            input=self._input,
            output=self._output,
        )
        bind_number_keys(question, {"1": 0, "j": 0, "2": 1, "n": 1})
        return bool(question.unsafe_ask() == "ja")

    def text(self, message: str, *, default: str = "") -> str:
        """A line of text, stripped; Enter alone takes the default.

        Raises:
            KeyboardInterrupt: on Ctrl-C.
            EOFError: when the input is closed.
        """
        message, default = _fit(message), _fit(default)
        if self.plain:
            shown = f" [{default}]" if default else ""
            return self._read_line(f"{message}{shown}: ").strip() or default
        import questionary  # loaded only when a question is asked (the fence)

        question = questionary.text(
            message, default=default, qmark="?", input=self._input, output=self._output
        )
        return str(question.unsafe_ask() or "").strip() or default

    def _width(self) -> int:
        if self._output is not None:
            return max(40, min(self._output.get_size().columns, 120))
        return screen_width()

    # --- normal mode: questionary lists -------------------------------------------------------

    def _choices(
        self,
        options: Sequence[Option],
        extras: list[tuple[str, str, str]],
        ticked: Sequence[str],
        indent: int,
    ) -> tuple[list[Any], dict[str, int]]:
        """questionary choices with numbered, wrapped titles; and the list index of each key."""
        import questionary  # loaded only when a question is asked (the fence)

        width = self._width()
        digits = len(str(len(options)))
        choices: list[Any] = []
        keys: dict[str, int] = {}
        for number, option in enumerate(options, start=1):
            keys[str(number)] = len(choices)  # 10 and up: two digits typed quickly
            choices.append(
                questionary.Choice(
                    title=numbered(str(number).rjust(digits), option.label, width, indent),
                    value=option.value,
                    checked=option.value in ticked,
                )
            )
        if extras:
            choices.append(questionary.Separator(" "))
        for key, label, value in extras:
            keys[key] = len(choices)
            choices.append(questionary.Choice(title=f"{key.rjust(digits)}) {label}", value=value))
        return choices, keys

    def _list_select(
        self,
        message: str,
        options: Sequence[Option],
        default: str | None,
        can_go_back: bool,
        can_explain: bool,
    ) -> Reply:
        import questionary  # loaded only when a question is asked (the fence)

        values = [option.value for option in options]
        choices, keys = self._choices(options, extra_options(can_go_back, can_explain), (), 3)
        chosen = default in values
        question = questionary.select(
            message,
            choices=choices,
            default=default if chosen else None,
            qmark="?",
            pointer="»",
            instruction=SELECT_HINT if chosen else CHOOSE_HINT,
            use_jk_keys=False,
            erase_when_done=True,
            input=self._input,
            output=self._output,
        )
        bind_number_keys(question, keys)
        if not chosen:
            enter_after_a_choice(question)
        return reply_for(str(question.unsafe_ask()), ())

    def _list_checkbox(
        self,
        message: str,
        options: Sequence[Option],
        current: tuple[str, ...],
        min_choices: int,
        can_go_back: bool,
        can_explain: bool,
    ) -> Reply:
        import questionary  # loaded only when a question is asked (the fence)

        extras = extra_options(can_go_back, can_explain)
        specials = {value for _, _, value in extras}

        def validate(selected: list[str]) -> bool | str:
            count = sum(1 for value in selected if value not in specials)
            return True if count >= min_choices else too_few(min_choices)

        choices, keys = self._choices(options, extras, current, 5)
        question = questionary.checkbox(
            message,
            choices=choices,
            validate=validate,
            qmark="?",
            pointer="»",
            instruction=CHECKBOX_HINT,
            initial_choice=next((o.value for o in options if o.value in current), None),
            use_jk_keys=False,
            erase_when_done=True,
            input=self._input,
            output=self._output,
        )
        bind_number_keys(question, keys)
        bind_checkbox_extras(question, specials)
        untick_extras(question, {f"{key}) {label}" for key, label, _ in extras})
        answer = question.unsafe_ask()
        if isinstance(answer, tuple):  # an extra option: (its value, *ticked so far)
            return reply_for(str(answer[0]), tuple(str(value) for value in answer[1:]))
        return Reply("answer", tuple(str(value) for value in answer))


def _fit(text: str) -> str:
    """Text fit for the terminal: sanitised (`text.clean`), in characters it can show."""
    return stand_in(clean(text), getattr(sys.stdout, "encoding", None) or "utf-8")


def _shown(options: Sequence[Option]) -> list[Option]:
    """The options with labels fit for the terminal; the values stay as they are."""
    return [Option(option.value, _fit(option.label)) for option in options]
