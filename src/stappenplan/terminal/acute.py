"""The alarm screen: an answer that means someone is in danger now stops the walk at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from stappenplan.alarm import ALARM_TITLE, Alarm, step_alarms
from stappenplan.plan.conditions import Answer
from stappenplan.plan.model import Step
from stappenplan.text import clean

if TYPE_CHECKING:
    from rich.console import Console

    from stappenplan.terminal.asker import Asker

CONTINUE_QUESTION = "Is iedereen veilig? Dan verder met de vragen"
STOPPED_HINT = "Gestopt voor de veiligheid."


def show_alarm(console: Console, raised: Sequence[Alarm], *, plain: bool) -> None:
    """Clear the screen (not in plain mode: a screen reader keeps its place) and show the alarm.

    Plain mode prints the same words as lines, without a box or colour.
    """
    from rich.panel import Panel
    from rich.text import Text

    texts = list(dict.fromkeys(clean(alarm.text) for alarm in raised))
    if plain:
        console.print()
        console.print(Text(ALARM_TITLE))
        for text in texts:
            console.print(Text(text))
        console.print()
        return
    if console.is_terminal:
        console.clear()
    body = Text("\n\n".join(texts), style="bold")
    console.print(
        Panel(
            body,
            title=Text(f" {ALARM_TITLE} ", style="bold white on red"),
            title_align="left",
            border_style="bold red",
            padding=(1, 2),
        )
    )
    console.print()


def alarm_once(
    console: Console,
    asker: Asker,
    step: Step,
    answer: Answer,
    shown: set[tuple[str, Answer]],
    *,
    plain: bool,
) -> None:
    """Show the alarm screen for this answer (once per answer in `shown`), then go on or stop.

    Raises:
        KeyboardInterrupt: when the user chooses to stop (progress is then saved).
    """
    raised = step_alarms(step, answer)
    if not raised or (step.id, answer) in shown:
        return
    shown.add((step.id, answer))
    show_alarm(console, raised, plain=plain)
    if not asker.confirm(f"{CONTINUE_QUESTION}?", default=True):
        raise KeyboardInterrupt
