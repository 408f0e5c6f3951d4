"""The key bindings on questionary's lists, in prompt_toolkit: part of the adapter of
`stappenplan.terminal.prompts`, the only other module that imports questionary and
prompt_toolkit (inside the functions, so importing it loads neither).

Typing an option's number moves the pointer to it; Enter waits for a choice when nothing is
preselected; in a checkbox, "← Terug" and "Meer uitleg" are actions, not ticks.
"""

from __future__ import annotations

from typing import Any

from stappenplan.terminal.choices import NUMBER_PAUSE


def list_control(question: Any) -> Any:
    """The list control inside a questionary select or checkbox."""
    from questionary.prompts.common import InquirerControl  # only when asking

    for control in question.application.layout.find_all_controls():
        if isinstance(control, InquirerControl):
            return control
    raise RuntimeError("questionary list without its list control")


def bind_number_keys(question: Any, keys: dict[str, int]) -> None:
    """Typing an option's key (a number, 0, ?) moves the pointer to it; Enter confirms.

    Numbers of two digits (10 and up, as the review shows) are two digits typed within
    NUMBER_PAUSE seconds: 1 then 2 is option 12, when there is one.
    """
    import time

    control = list_control(question)
    bindings = question.application.key_bindings
    digits, at = [""], [0.0]  # the number typed so far, and when

    def press(key: str) -> None:
        now = time.monotonic()
        before = digits[0] if now - at[0] <= NUMBER_PAUSE else ""
        if key.isdigit() and f"{before}{key}" in keys:
            key = f"{before}{key}"
        digits[0], at[0] = (key if key.isdigit() else ""), now
        if key in keys:
            control.pointed_at = keys[key]
            control.chosen_by_key = True

    def bind(key: str) -> None:
        bindings.add(key, eager=True)(lambda event: press(key))

    for key in {key[-1] for key in keys}:
        bind(key)


def enter_after_a_choice(question: Any) -> None:
    """Nothing pre-selected: Enter does nothing until the user has moved or typed a number."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.keys import Keys

    control = list_control(question)
    start = control.pointed_at
    processor = question.application.key_processor

    def moved(_: Any) -> None:
        if control.pointed_at != start:
            control.chosen_by_key = True

    processor.after_key_press += moved
    waiting = Condition(lambda: not getattr(control, "chosen_by_key", False))
    question.application.key_bindings.add(Keys.ControlM, eager=True, filter=waiting)(
        lambda event: None
    )


def bind_checkbox_extras(question: Any, specials: set[str]) -> None:
    """In a checkbox, Enter or space on "← Terug" / "Meer uitleg" chooses it instead of ticking."""
    from prompt_toolkit.filters import Condition  # only when asking
    from prompt_toolkit.keys import Keys

    control = list_control(question)
    bindings = question.application.key_bindings
    on_extra = Condition(lambda: control.get_pointed_at().value in specials)

    def choose_extra(event: Any) -> None:
        ticked = tuple(value for value in control.selected_options if value not in specials)
        control.is_answered = True
        event.app.exit(result=(control.get_pointed_at().value, *ticked))

    def ignore(event: Any) -> None:
        """Select-all and invert would tick the extra options as well; leave them out."""

    bindings.add(Keys.ControlM, eager=True, filter=on_extra)(choose_extra)
    bindings.add(" ", eager=True, filter=on_extra)(choose_extra)
    bindings.add("a", eager=True)(ignore)
    bindings.add("i", eager=True)(ignore)


def untick_extras(question: Any, titles: set[str]) -> None:
    """Show "← Terug" and "Meer uitleg" in a checkbox without a tick circle: they are actions."""
    control = list_control(question)
    original = control.text

    def tokens() -> list[Any]:
        rows = list(original())
        for index in range(1, len(rows)):
            if rows[index][1].strip() in titles and rows[index - 1][1].strip() in ("○", "●"):
                rows[index - 1] = (rows[index - 1][0], "  ")
        return rows

    control.text = tokens
