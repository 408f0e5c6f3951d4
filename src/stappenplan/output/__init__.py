"""Output formats: text, Markdown and JSON of an outcome, and the printed plan."""
