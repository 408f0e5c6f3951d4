"""The tool never opens a network connection: not in-process, and not in a separate process
where an audit hook stops the program at the first socket it would create."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI as MINI_DIR

MINI = str(MINI_DIR)
Cli = Callable[..., Any]

SCENARIO = """\
- name: twee is landelijk
  answers: {gevaar: ja, wie: twee, wat: [dreiging]}
  expect:
    verdict: landelijk
    actions: [bel-hulp]
"""


def _runs(folder: Path) -> list[tuple[list[str], int]]:
    """Every command, with the exit code it must give, writing files only into `folder`."""
    answers = folder / "antwoorden.yaml"
    answers.write_text("answers:\n  gevaar: nee\n  wie: een\n  wat: [schade]\n")
    scenario = folder / "scenario.yaml"
    scenario.write_text(SCENARIO)
    mini_set = ["--set", "gevaar=ja", "--set", "wie=twee", "--set", "wat=dreiging"]
    out = str(folder / "uit")
    return [
        (["--help"], 0),
        (["--version"], 0),
        (["start", "--steps", MINI, *mini_set, "--no-input"], 0),
        (["start", "--steps", MINI, *mini_set, "-f", "json", "--save", f"{out}-verslag.yaml"], 0),
        (
            [
                "start",
                "--steps",
                MINI,
                "--answers",
                str(answers),
                "-f",
                "markdown",
                "-o",
                f"{out}.md",
            ],
            0,
        ),
        (["start", "--no-input", "--set", "acuut-gevaar=nee"], 1),
        (["show"], 0),
        (["show", "--steps", MINI, "--format", "mermaid"], 0),
        (["show", "--steps", MINI, "--format", "json", "-o", f"{out}.json"], 0),
        (["validate"], 0),
        (["validate", "--steps", MINI, "--format", "json"], 0),
        (["test", "--steps", MINI, str(scenario)], 0),
        (["schema"], 0),
    ]


def test_no_socket_in_process(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole run opens no network socket."""
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., Any]:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError("netwerk is in deze test verboden")

        return blocked

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))

    for args, code in _runs(tmp_path):
        result = cli(*args)
        assert result.code == code, (args, result.err)
        assert "Interne fout" not in result.err, (args, result.err)
    assert attempts == []
    assert json.loads((tmp_path / "uit.json").read_text())["plan"]["id"] == "mini"


AUDIT_WRAPPER = textwrap.dedent(
    """
    import json, os, sys

    def no_network(event, args):
        if event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
            sys.__stderr__.write(f"NETWERK: {event} {args!r}\\n")
            sys.__stderr__.flush()
            os._exit(99)

    sys.addaudithook(no_network)
    from stappenplan.cli.app import run

    codes = []
    for args in json.loads(sys.argv[1]):
        codes.append(run(args))
    sys.__stdout__.write("CODES " + json.dumps(codes) + "\\n")
    """
)


def test_no_socket_in_a_separate_process_with_an_audit_hook(tmp_path: Path) -> None:
    """No socket in a separate process with an audit hook."""
    runs = _runs(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", AUDIT_WRAPPER, json.dumps([args for args, _ in runs])],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"},
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert "NETWERK" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "CODES " + json.dumps([code for _, code in runs])


def test_the_audit_hook_does_catch_a_connection(tmp_path: Path) -> None:
    """Guard: the wrapper above really stops a program that reaches for the network."""
    wrapper = AUDIT_WRAPPER.replace(
        "from stappenplan.cli.app import run",
        "import socket\nsocket.create_connection(('192.0.2.1', 9), timeout=0.01)",
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, "[]"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 99
    assert "NETWERK: socket." in result.stderr
