"""The Telegram front end's old address (DESIGN.md's layout); it now lives in bot/telegram/."""

from bot.telegram.app import COMMANDS, Command, build_application, post_init
from bot.telegram.runtime import RedactToken, configure_logging, main
from bot.telegram.services import Services, services

__all__ = [
    "COMMANDS",
    "Command",
    "RedactToken",
    "Services",
    "build_application",
    "configure_logging",
    "main",
    "post_init",
    "services",
]
