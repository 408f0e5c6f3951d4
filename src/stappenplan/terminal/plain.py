"""The plain prompt mode: numbered options and typed lines; no cursor keys, no colour, and
read well by a screen reader."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import TextIO

from stappenplan.terminal.choices import (
    BACK_KEY,
    EXPLAIN_KEY,
    Option,
    Reply,
    extra_options,
    match_option,
    numbered,
    plain_hint,
    too_few,
)


class PlainMode:
    """The plain mode of `Prompter`: writes to `_stdout` and reads lines from `_stdin`."""

    _stdin: TextIO | None
    _stdout: TextIO | None

    def _width(self) -> int:
        raise NotImplementedError

    def _write(self, text: str) -> None:
        if self._stdout is None:
            builtins.print(text, flush=True)
        else:
            self._stdout.write(text + "\n")
            self._stdout.flush()

    def _read_line(self, prompt: str) -> str:
        if self._stdin is None:
            return builtins.input(prompt)
        if self._stdout is not None:
            self._stdout.write(prompt)
            self._stdout.flush()
        line = self._stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def _plain_list(
        self,
        options: Sequence[Option],
        extras: list[tuple[str, str, str]],
        ticked: Sequence[str] | None,
    ) -> None:
        """Numbered options: on one line when short ("1) Ja  2) Nee  0) Terug"), else one a line.

        With `ticked` (a checkbox), every option is on its own line with [x] or [ ].
        """
        width = self._width()
        extra_items = [f"{key}) {label.removeprefix('← ')}" for key, label, _ in extras]
        items = [f"{number}) {option.label}" for number, option in enumerate(options, start=1)]
        inline = "  ".join(items + extra_items)
        if ticked is None and len(inline) <= width - 1:
            self._write(inline)
            return
        for number, option in enumerate(options, start=1):
            mark = "" if ticked is None else ("[x] " if option.value in ticked else "[ ] ")
            self._write("  " + mark + numbered(str(number), option.label, width, 2 + len(mark)))
        if extra_items:
            self._write("  " + "  ".join(extra_items))

    def _plain_extra(self, line: str, can_go_back: bool, can_explain: bool) -> str | None:
        if can_go_back and line.casefold() in (BACK_KEY, "terug"):
            return "back"
        if can_explain and line.casefold() in (EXPLAIN_KEY, "uitleg", "meer uitleg"):
            return "explain"
        return None

    def _plain_select(
        self,
        options: Sequence[Option],
        default: str | None,
        can_go_back: bool,
        can_explain: bool,
        aliases: Mapping[str, str] | None = None,
    ) -> Reply:
        self._plain_list(options, extra_options(can_go_back, can_explain), None)
        values = [option.value for option in options]
        shown = f" [Enter = {values.index(default) + 1}]" if default in values else ""
        while True:
            line = self._read_line(f"Uw keuze{shown}: ").strip()
            if not line and default is not None and default in values:
                return Reply("answer", (default,))
            extra = self._plain_extra(line, can_go_back, can_explain)
            if extra == "back":
                return Reply("back")
            if extra == "explain":
                return Reply("explain")
            value = (aliases or {}).get(line.casefold()) or match_option(line, options)
            if value is not None:
                return Reply("answer", (value,))
            self._write(plain_hint(len(options), can_go_back, can_explain, several=False))

    def _plain_checkbox(
        self,
        options: Sequence[Option],
        current: tuple[str, ...],
        min_choices: int,
        can_go_back: bool,
        can_explain: bool,
    ) -> Reply:
        self._plain_list(options, extra_options(can_go_back, can_explain), current)
        numbers = [str(n) for n, option in enumerate(options, start=1) if option.value in current]
        if numbers:
            self._write(
                f"Gekozen: {', '.join(numbers)}. Enter houdt dit; typ andere nummers om het "
                "te vervangen, of - voor geen."
            )
        else:
            self._write("Typ de nummers van alles wat van toepassing is, bijvoorbeeld: 1 3")
        while True:
            line = self._read_line("Uw keuze: ").strip()
            extra = self._plain_extra(line, can_go_back, can_explain)
            if extra == "back":
                return Reply("back")
            if extra == "explain":
                return Reply("explain", current)
            chosen: tuple[str, ...] | None
            if not line:
                chosen = current
            elif line in ("-", "geen"):
                chosen = ()
            else:
                parts = line.replace(",", " ").split()
                found = [match_option(part, options) for part in parts]
                chosen = tuple(v for v in found if v is not None) if None not in found else None
            if chosen is None:
                self._write(plain_hint(len(options), can_go_back, can_explain, several=True))
            elif len(set(chosen)) < min_choices:
                self._write(too_few(min_choices))
            else:
                return Reply("answer", chosen)
