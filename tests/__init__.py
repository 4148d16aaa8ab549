"""The test suite: unit, knowledge-base, eval, CLI, Telegram handlers and end to end."""
