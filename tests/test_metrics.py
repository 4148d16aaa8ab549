"""Prometheus metrics: the agreed names, counted by outcome and refusal, in the text format."""

from __future__ import annotations

from prometheus_client import REGISTRY

from bot import metrics

AGREED = (
    "policybot_questions_total",
    "policybot_answer_seconds",
    "policybot_botapi_errors_total",
    "policybot_botapi_retries_total",
    "policybot_flood_drops_total",
)


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_every_agreed_metric_is_exposed() -> None:
    """The exposition names every metric the dashboards and alerts are written against."""
    text = metrics.exposition().decode()
    for name in AGREED:
        assert f"# TYPE {name} " in text, name


def test_questions_are_counted_by_outcome_and_refusal() -> None:
    """An answer counts as answered; a refusal counts under its class; latency is observed."""
    answered = _value("policybot_questions_total", outcome="answered", refusal="")
    refused = _value("policybot_questions_total", outcome="refused", refusal="other-place")
    timed = _value("policybot_answer_seconds_count")
    metrics.record_question(answered=True, reason="answered", seconds=0.02)
    metrics.record_question(answered=False, reason="other-place", seconds=0.01)
    metrics.record_question(answered=False, reason="other-place")
    assert _value("policybot_questions_total", outcome="answered", refusal="") == answered + 1
    assert (
        _value("policybot_questions_total", outcome="refused", refusal="other-place") == refused + 2
    )
    assert _value("policybot_answer_seconds_count") == timed + 2
    text = metrics.exposition().decode()
    assert 'policybot_questions_total{outcome="refused",refusal="other-place"}' in text
