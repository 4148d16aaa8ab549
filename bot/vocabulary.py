"""The bot's closed vocabularies, as StrEnums.

The values are what logs, the database and metrics already hold, so a member compares
equal to its old string."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Style(StrEnum):
    """The language and script of a reply (BCP 47 tags)."""

    ZH_HANS = "zh-Hans"  # simplified Chinese, the default
    ZH_HANT = "zh-Hant"  # traditional script, for questions asked in it
    EN = "en"  # English, for questions asked in English

    @classmethod
    def of(cls, *, traditional: bool, english: bool) -> Style:
        """The style the matcher's flags ask for; English wins over the script."""
        if english:
            return cls.EN
        return cls.ZH_HANT if traditional else cls.ZH_HANS


class LogKind(StrEnum):
    """How a question reached the bot: the `kind` column of the query log."""

    MESSAGE = "message"  # typed in a chat (private, /ask, a mention or a reply)
    INLINE = "inline"  # an inline query, @bot 低空经济
    BUTTON = "button"  # an entry opened by one of the bot's buttons
    LINK = "link"  # an entry opened by a /start deep link


class ExitCode(IntEnum):
    """The exit code of a `policybot` command."""

    OK = 0
    ERROR = 1  # it could not do its work: an invalid base, an unreachable Bot API, ...
    USAGE = 2  # it was asked wrongly: bad arguments, settings or token


class Outcome(StrEnum):
    """What became of a question: answered from the base, or refused with a reason."""

    ANSWERED = "answered"
    REFUSED = "refused"


class Refusal(StrEnum):
    """Why a message got no answer from the base (the `refusal` of `ask --json`)."""

    EMPTY = "empty"
    NO_TEXT = "no-text"
    SMALL_TALK = "small-talk"
    INSTRUCTION = "instruction"
    WRITE = "write"
    NUMBER = "number"
    ADVICE = "advice"
    CITY_SERVICE = "city-service"
    HORIZON = "horizon"
    PROVINCE = "province"
    NATIONAL = "national"
    OTHER_PLACE = "other-place"
    GENERAL = "general"  # general knowledge that only shares a word with the plan
    NO_MATCH = "no-match"
