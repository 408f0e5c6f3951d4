"""The plan: its model, conditions, reading, validation and schema."""
