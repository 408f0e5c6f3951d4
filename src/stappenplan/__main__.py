"""`python -m stappenplan`."""

try:
    from stappenplan.cli.entry import main
except KeyboardInterrupt:  # Ctrl-C in the first milliseconds, before the entry point runs
    import sys

    sys.stderr.write("\nAfgebroken.\n")
    raise SystemExit(130) from None

main()
