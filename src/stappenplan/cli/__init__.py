"""The command line: the catch point and one module per command."""
