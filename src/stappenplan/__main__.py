"""`python -m stappenplan`."""

from stappenplan.cli.app import main

main()
