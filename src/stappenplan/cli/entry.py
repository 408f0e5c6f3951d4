"""The entry point of the `stappenplan` command (and `python -m stappenplan`).

It installs the signal handling before anything else is imported, so that Ctrl-C (or SIGTERM,
SIGHUP) at any moment of the start-up ends the run with the usual line and exit code 130, never
with a traceback. This module imports nothing at its top (`sys` is loaded with the
interpreter): everything else is imported inside the guard.
"""

import sys

INTERRUPTED = 130  # ExitCode.INTERRUPTED; the errors module is not imported this early


def main() -> None:
    """Run the command line; an interruption before or after `run` is mapped here."""
    code = INTERRUPTED
    try:
        sys.unraisablehook = _note_interrupt
        from stappenplan import signals

        signals.install(ctrl_c=True)
        from stappenplan.cli.app import run

        # The hook is for the import only: later, a Ctrl-C in such a callback is reported the
        # interpreter's own way, not swallowed by a list nobody reads any more.
        sys.unraisablehook = sys.__unraisablehook__
        if _aside:  # Ctrl-C while the app was imported, caught in a side callback
            raise KeyboardInterrupt
        code = run(sys.argv[1:])
    except BaseException as error:
        # A Ctrl-C may reach us in another form: Python 3.11 wraps one that lands in a class's
        # __set_name__ (while a module is imported) in a RuntimeError, and an older compiled
        # validator library turns one into a panic (a BaseException). After a signal, any
        # such end of the start-up is still the user's interruption.
        if isinstance(error, SystemExit) or not (
            isinstance(error, KeyboardInterrupt)
            or isinstance(error.__cause__, KeyboardInterrupt)
            or _signal_received()
        ):
            raise
        _quiet()
        _say("\nAfgebroken.")
        code = INTERRUPTED
    finally:
        # The run is over: a late Ctrl-C must not turn the end into a traceback.
        _quiet()
        _forget_interrupt()
    sys.exit(code)


_aside: list[BaseException] = []


def _note_interrupt(unraisable: "sys.UnraisableHookArgs") -> None:
    """An interruption caught in a callback the interpreter runs on the side (the weak
    reference callbacks of the import system) cannot stop the run from there: note it, so
    that `main` stops, instead of printing "Exception ignored ... Traceback"."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _aside.append(unraisable.exc_value)
    else:
        sys.__unraisablehook__(unraisable)


def _signal_received() -> bool:
    """Whether Ctrl-C, SIGTERM or SIGHUP arrived (once the signal module is there)."""
    signals = sys.modules.get("stappenplan.signals")
    return signals is not None and bool(signals.received())


def _quiet() -> None:
    """Ignore further signals, once the signal module is there (it is, after the first step)."""
    signals = sys.modules.get("stappenplan.signals")
    if signals is not None:
        signals.ignore_all()


def _forget_interrupt() -> None:
    """Tell the interpreter an interruption was handled (here or in `run`).

    When a KeyboardInterrupt escapes `exec()` of a string (the dataclasses module builds
    methods that way while the app is imported, so a Ctrl-C then lands there), CPython's
    `run_eval_code_obj` (Python/pythonrun.c) sets its "unhandled KeyboardInterrupt" flag, even
    though the interrupt is caught here later. Under `python -m stappenplan`, `Py_RunMain`
    (Modules/main.c) reads that flag at exit and ends the process by SIGINT (exit -2 seen by
    the parent) instead of with our exit code, despite `sys.exit`. The console script ends
    through `PyErr_Print`/`Py_Exit` first, so there the flag has no effect. Each exec of a
    string clears the flag before it runs; this one clears it and does nothing else.
    """
    exec("pass")


def _say(line: str) -> None:
    """The line on standard error, if there is one to write to."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
