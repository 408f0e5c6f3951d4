"""The interactive wizard: ask the open questions, go back, review, save progress on Ctrl-C.

The walk itself is the engine's; this module only decides what to ask next and shows where
the user is. Questions are asked through a prompter (stappenplan.terminal.prompts in real use; tests
pass a scripted one), so this module never touches the terminal's keys itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from stappenplan import engine
from stappenplan.errors import AnswerError
from stappenplan.plan.conditions import Answer
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import Plan, Step
from stappenplan.terminal.asker import Asker, make_asker, make_console
from stappenplan.terminal.choices import Back, Option
from stappenplan.terminal.explain import explanation_lines, has_explanation
from stappenplan.terminal.keep import Keeper
from stappenplan.terminal.resume import (
    Progress,
    discard_progress,
    load_progress,
    session_files,
    when_saved,
)
from stappenplan.text import clean, shorten

DONE = "<klaar>"
"""The review option that ends the review (plan ids are kebab-case, so never this)."""


# --- the flow ---------------------------------------------------------------------------------


def run_wizard(
    loaded: LoadedPlan,
    given: Mapping[str, Answer],
    *,
    plain: bool = False,
    resume: bool = False,
    console: Console | None = None,
    asker: Asker | None = None,
    keeper: Keeper | None = None,
) -> dict[str, Answer]:
    """Ask what `given` does not answer, let the user review, and return the complete answers.

    The answers returned are those on the final path, plus any given answer off the path (so
    the outcome lists it as ignored, as a scripted run would). `keeper` (the caller's, when
    its guard also covers what follows the wizard) keeps the answers if the run ends early.

    Raises:
        Interrupted: after Ctrl-C, SIGTERM, SIGHUP or a closed input; progress is then saved
            to a session file of the plan.
    """
    session = Session(
        loaded,
        given,
        console=console or make_console(plain),
        asker=asker or make_asker(plain),
        plain=plain,
    )
    keeper = keeper or Keeper(loaded)
    keeper.track(session.progress)
    with keeper.guard():
        if resume:
            session.restore(*load_progress(loaded))
        else:
            session.offer_resume()
        answers = session.run()
        session.offer_discard()
    return answers


class Session:
    """The state of one wizard run.

    `answers` holds every answer known, also ones the user went back past (they are then
    preselected when asked again). `settled` holds the ids whose answer is accepted: the
    walk runs over those only, so the first question on the path that is not settled is the
    one to ask. Given answers (file or --set) are always settled.
    """

    def __init__(
        self,
        loaded: LoadedPlan,
        given: Mapping[str, Answer],
        *,
        console: Console,
        asker: Asker,
        plain: bool = False,
    ) -> None:
        self.loaded = loaded
        self.plan: Plan = loaded.plan
        self.console = console
        self.asker = asker
        self.plain = plain
        self.given = frozenset(given)
        self.answers: dict[str, Answer] = dict(given)
        self.settled: set[str] = set(given)
        self.restored: Path | None = None
        self.declined: Path | None = None
        self.alarmed: set[tuple[str, Answer]] = set()

    # --- output -------------------------------------------------------------------------------

    def say(self, text: str, *, style: str | None = None, indent: int = 0) -> None:
        """Print text, wrapped (and indented); no markup is read, no style in plain mode."""

        shown = Text(clean(text), style=style if style and not self.plain else "")
        self.console.print(Padding(shown, (0, 0, 0, indent)) if indent else shown)

    def say_item(self, text: str) -> None:
        """A list item with a hanging indent; plain mode marks it with a hyphen, which
        screen readers do not spell out."""

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(Text("-" if self.plain else "  •"), Text(clean(text)))
        self.console.print(grid)

    # --- the walk -----------------------------------------------------------------------------

    def current(self) -> engine.Walk:
        """The walk over the settled answers."""
        return engine.walk(self.plan, {key: self.answers[key] for key in self.settled})

    def run(self) -> dict[str, Answer]:
        """Ask until every question on the path is answered and the user is done reviewing.

        An answer with an alarm (someone is in danger now) interrupts at once: the alarm
        screen, then the choice to go on or to stop (progress is then saved).

        Raises:
            KeyboardInterrupt: when the user stops at the alarm screen.
        """
        for step_id in self.current().path:  # an alarm among the answers given beforehand
            self.alarm(self.plan.step_index[step_id], self.answers[step_id])
        while True:
            walked = self.current()
            step = walked.pending
            if step is None:
                choice = self.review(walked)
                if choice is None:
                    return self.result(walked)
                self.change(choice, walked)
                continue
            previous = self.previous_asked(walked)
            answer = self.ask(step, walked, can_go_back=previous is not None)
            if isinstance(answer, Back):
                assert previous is not None
                self.back_to(previous, walked)
            else:
                self.answers[step.id] = answer
                self.settled.add(step.id)
                self.alarm(step, answer)

    def alarm(self, step: Step, answer: Answer) -> None:
        """The alarm screen for this answer, once (see terminal.acute.alarm_once)."""
        from stappenplan.terminal.acute import alarm_once

        alarm_once(self.console, self.asker, step, answer, self.alarmed, plain=self.plain)

    def previous_asked(self, walked: engine.Walk) -> str | None:
        """The last question on the path that was asked here (not given beforehand)."""
        return next((key for key in reversed(walked.path) if key not in self.given), None)

    def back_to(self, step_id: str, walked: engine.Walk) -> None:
        """Reopen `step_id` and everything after it; their answers stay as suggestions."""
        index = walked.path.index(step_id)
        self.settled = set(walked.path[:index]) | set(self.given)

    def change(self, step_id: str, walked: engine.Walk) -> None:
        """Ask one question again from the review; then only newly reached questions follow."""
        step = self.plan.step_index[step_id]
        answer = self.ask(step, walked, can_go_back=True, from_review=True)
        if isinstance(answer, Back):
            return
        self.answers[step_id] = answer
        self.alarm(step, answer)
        # Answers off the old path are forgotten as settled: if the change brings their
        # question (back) onto the path, it is asked again, with the old answer preselected.
        self.settled = set(walked.path) | set(self.given)

    def result(self, walked: engine.Walk) -> dict[str, Answer]:
        answers = {key: self.answers[key] for key in walked.path}
        for key in self.given:
            answers.setdefault(key, self.answers[key])
        return answers

    # --- one question -------------------------------------------------------------------------

    def ask(
        self,
        step: Step,
        walked: engine.Walk,
        *,
        can_go_back: bool,
        from_review: bool = False,
    ) -> Answer | Back:
        """Show where the user is, the question and its help, and ask it."""
        self.console.print()
        self.say(self.position(step, walked, from_review), style="dim")
        self.say(step.question, style="bold")
        if step.help:
            self.say(step.help, style="italic")
        explain = self.explainer(step) if has_explanation(step) else None
        options = [Option(choice.value, choice.label) for choice in step.choices]
        current = self.preselected(step)
        answer: Answer | Back
        if step.multiple:
            ticked = (current,) if isinstance(current, str) else tuple(current or ())
            answer = self.asker.checkbox(
                options,
                default=ticked,
                min_choices=step.min_choices,
                can_go_back=can_go_back,
                explain=explain,
            )
        else:
            answer = self.asker.select(
                options,
                default=current if isinstance(current, str) else None,
                can_go_back=can_go_back,
                explain=explain,
            )
        if isinstance(answer, Back):
            self.say("Terug" if self.plain else "← Terug", style="dim", indent=2)
        else:
            self.say(f"Antwoord: {self.answer_label(step, answer)}", style="green", indent=2)
        return answer

    def preselected(self, step: Step) -> Answer | None:
        """An earlier answer of the user; else a plan default only where it is safe (see
        stappenplan.preselect): Enter without reading never drops an action."""
        if step.id in self.answers:
            return self.answers[step.id]
        if step.multiple:
            return engine.default_answer(step, self.answers)
        from stappenplan.preselect import safe_preselection

        known = {key: self.answers[key] for key in self.settled}
        return safe_preselection(self.plan, step, known)

    def position(self, step: Step, walked: engine.Walk, from_review: bool) -> str:
        """'Fase · vraag N, nog ongeveer M' for the question about to be asked."""
        phases = {phase.id: phase.title for phase in self.plan.phases}
        where = [phases[step.phase]] if step.phase in phases else []
        if from_review:
            where.append("antwoord wijzigen")
        else:
            number = len(walked.path) + 1
            left = self.remaining(step)
            if left == 0:
                where.append(f"vraag {number}, waarschijnlijk de laatste")
            else:
                noun = "vraag" if left == 1 else "vragen"
                where.append(f"vraag {number}, nog ongeveer {left} {noun}")
        text = (", " if self.plain else " · ").join(where)
        return text[:1].upper() + text[1:]

    def remaining(self, step: Step) -> int:
        """How many questions will probably follow `step`, along the default path.

        Known answers and defaults decide the route; where neither exists, conditions on
        that question count as false (as engine.missing_questions does).
        """
        known = {key: self.answers[key] for key in self.settled}
        route = engine.likely_route(self.plan, self.answers, start=step.id, known=known)
        return sum(1 for here, _ in route if here.id != step.id and here.id not in self.settled)

    def explainer(self, step: Step) -> Callable[[], None]:
        def explain() -> None:
            self.console.print()
            for kind, text in explanation_lines(self.plan, step):
                if kind == "item":
                    self.say_item(text)
                else:
                    self.say(text, style="bold" if kind == "title" else None)
            self.console.print()

        return explain

    def answer_label(self, step: Step, answer: Answer) -> str:
        chosen = step.selected(answer)
        if not chosen:
            return "(geen)"
        return "; ".join(choice.label for choice in chosen)

    # --- review -------------------------------------------------------------------------------

    def review(self, walked: engine.Walk) -> str | None:
        """The overview of all answers; returns the id to change, or None when done."""
        self.console.print()
        self.say("Overzicht van uw antwoorden", style="bold")
        self.say(
            "Kies een antwoord om het te wijzigen, of kies 'Klaar' voor de uitkomst.",
            style="dim",
        )
        steps = self.plan.step_index
        options: list[Option] = []
        for step_id in walked.path:
            step = steps[step_id]
            marker = " (vooraf gegeven)" if step_id in self.given else ""
            answer = self.answer_label(step, self.answers[step_id])
            if self.plain:  # whole sentences, no arrow for a screen reader to spell out
                label = f"{' '.join(step.question.split())} Antwoord: {answer}"
            else:
                label = f"{shorten(step.question, 60)} → {answer}"
            options.append(Option(step_id, label + marker))
        options.append(Option(DONE, "Klaar: toon de uitkomst"))
        choice = self.asker.select(options, default=DONE, message="Overzicht")
        if isinstance(choice, Back) or choice == DONE:
            self.console.print()
            return None
        return choice

    # --- resume -------------------------------------------------------------------------------

    def offer_resume(self) -> None:
        """Without --resume, when an interrupted session of this plan exists: offer to continue
        the newest one."""
        sessions = session_files(self.loaded)
        if not sessions:
            return
        try:
            progress, warnings = load_progress(self.loaded, sessions[0])
        except AnswerError:
            return  # another plan's session: only --resume with that plan continues it
        if progress is None or not progress.answers:
            return
        self.say(f"Er is een onderbroken sessie van {when_saved(progress.saved)}.", style="yellow")
        if self.asker.confirm("Daarmee verder gaan?", default=True):
            self.restore(progress, warnings)
        else:
            self.declined = sessions[0]
            self.say(
                "We beginnen opnieuw; de onderbroken sessie blijft bewaard. Wordt deze sessie "
                "ook onderbroken, dan komt die ernaast te staan: niets wordt overschreven."
            )

    def restore(self, progress: Progress | None, warnings: Sequence[str]) -> None:
        """Start from an interrupted session: its answers, under the answers given now."""
        for warning in warnings:
            self.say(warning, style="yellow")
        if progress is None:
            return
        self.restored = progress.path
        self.say(
            f"We gaan verder met de onderbroken sessie van {when_saved(progress.saved)}.",
            style="dim",
        )
        open_ids = set(progress.open)
        for key, value in progress.answers.items():
            if key in self.given:
                continue
            self.answers[key] = value
            if key not in open_ids:
                self.settled.add(key)
        self.given = self.given | {key for key in progress.given if key not in open_ids}
        self.settled |= self.given

    def progress(self) -> Progress | None:
        """The answers to keep if the run ends now; None when nothing was answered here."""
        if self.restored is None and set(self.answers) <= self.given:
            return None  # keep any earlier interrupted session as it is
        return Progress(
            answers=dict(self.answers),
            open=tuple(set(self.answers) - self.settled),
            given=tuple(self.given),
            path=self.restored,
        )

    def offer_discard(self) -> None:
        """After a completed session: remove the session file it continued (or the one it
        declined), unless the user keeps it."""
        path = self.restored or self.declined
        if path is None or not path.is_file():
            return
        if self.restored:
            self.say("Het bestand van de onderbroken sessie is niet meer nodig.")
        else:
            self.say(f"Er staat nog een eerder onderbroken sessie in {path}.")
        if self.asker.confirm("Verwijderen?", default=True):
            discard_progress(path)
            self.say("Verwijderd.", style="dim")
        else:
            self.say(f"Bewaard in {path}.", style="dim")
