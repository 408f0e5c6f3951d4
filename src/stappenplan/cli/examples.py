"""Real examples for the `--help` of every command (shown under 'Voorbeelden')."""

from __future__ import annotations

_EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "stappenplan": (
        ("Na een incident (bij acuut gevaar: bel eerst 112):", "stappenplan start"),
        ("Het hele plan lezen, om vooraf afspraken te maken:", "stappenplan show"),
    ),
    "start": (
        ("Na een incident, met vragen:", "stappenplan start"),
        (
            "Zonder vragen, uit een antwoordbestand, als verslag voor het dossier:",
            "stappenplan start --answers antwoorden.yaml --no-input --output verslag.md",
        ),
        (
            "Alleen de taken van de griffier, om door te sturen:",
            "stappenplan start --answers antwoorden.yaml --no-input --rol griffier",
        ),
    ),
    "show": (
        ("Het plan lezen in de terminal:", "stappenplan show"),
        ("Als bestand, om te printen of te delen:", "stappenplan show --output plan.md"),
    ),
    "validate": (
        ("Een eigen plan controleren:", "stappenplan validate --steps mijn-plan/"),
        ("Voor een script, als JSON:", "stappenplan validate --steps mijn-plan/ --format json"),
    ),
    "test": (
        ("De scenario's bij het plan draaien:", "stappenplan test scenarios/*.yaml"),
        ("En laten zien wat geen scenario raakt:", "stappenplan test scenarios/*.yaml --coverage"),
    ),
    "schema": (
        ("Het schema voor uw editor opslaan:", "stappenplan schema --output plan.schema.json"),
    ),
    "afspraken": (
        ("Vooraf de contactpersonen vastleggen:", "stappenplan afspraken init"),
        ("Daarna controleren wat nog ontbreekt:", "stappenplan afspraken check"),
    ),
    "init": (
        ("Met vragen (Ctrl-C bewaart wat al is ingevuld):", "stappenplan afspraken init"),
        ("Een leeg sjabloon:", "stappenplan afspraken init --no-input --output afspraken.yaml"),
    ),
    "check": (
        ("Het bestand in deze map controleren:", "stappenplan afspraken check"),
        (
            "Ook waarschuwingen als fout tellen:",
            "stappenplan afspraken check --strict afspraken.yaml",
        ),
    ),
}


def epilog(command: str) -> str:
    """The 'Voorbeelden' block under a command's help (Click keeps '\\b' blocks as written)."""
    lines = ["Voorbeelden:"]
    for said, example in _EXAMPLES[command]:
        lines += ["", "\b", f"  {said}", f"    {example}"]
    return "\n".join(lines)
