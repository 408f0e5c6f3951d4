"""The local agreements: contacts per role, their checks and the template."""
