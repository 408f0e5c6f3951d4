"""`python -m stappenplan`."""

from stappenplan.cli import main

main()
