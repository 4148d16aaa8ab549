"""The Telegram front end, one module per concern.

app.py            the composition root: Application, services, command table, handlers
handlers.py       one coroutine per kind of update: take the text, ask the core, reply
views.py          screens and keyboards: pure functions of the base and an Answer
callback_data.py  what a button carries: one codec for every callback string
services.py       what handlers share (settings, matcher, store) in bot_data
runtime.py        `policybot run`: settings, logging with the token redacted, polling
"""
