"""The bot's Prometheus metrics, served at GET /metrics in webhook mode.

One module-level object per metric, on prometheus_client's default registry (which also
carries the process's CPU, memory and file-descriptor figures). The names are agreed
across the code base; code that counts something imports the object and increments it.
Label values are small closed sets (outcomes, refusal classes, Bot API method names,
error kinds, chat types): never a chat, a user or a question.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

from bot.vocabulary import Outcome

QUESTIONS = Counter(
    "policybot_questions", "Questions handled, by outcome and refusal class", ["outcome", "refusal"]
)
ANSWER_SECONDS = Histogram(
    "policybot_answer_seconds",
    "From a question's arrival to the bot's reply being sent, in seconds",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
BOTAPI_ERRORS = Counter(
    "policybot_botapi_errors",
    "Failed Bot API calls, by method and kind of failure",
    ["method", "kind"],
)
BOTAPI_RETRIES = Counter("policybot_botapi_retries", "Bot API calls retried, by method", ["method"])
FLOOD_DROPS = Counter(
    "policybot_flood_drops", "Updates dropped by flood control, by chat type", ["chat_type"]
)

CONTENT_TYPE = CONTENT_TYPE_LATEST


def record_question(*, answered: bool, reason: str, seconds: float | None = None) -> None:
    """Count one question: 'answered', or 'refused' with the refusal class; time it if known."""
    outcome = Outcome.ANSWERED if answered else Outcome.REFUSED
    QUESTIONS.labels(outcome=outcome, refusal="" if answered else reason).inc()
    if seconds is not None:
        ANSWER_SECONDS.observe(seconds)


def exposition() -> bytes:
    """Every metric in the Prometheus text format."""
    return generate_latest()
