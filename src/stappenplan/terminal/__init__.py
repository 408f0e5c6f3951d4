"""The interactive terminal: prompts, the wizard, saving and resuming."""
