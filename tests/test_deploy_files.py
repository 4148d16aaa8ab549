"""The shipped deployment files, checked without a Docker engine: hadolint on the
Dockerfile, the compose-spec JSON schema on deploy/compose.yaml, and that the compose file,
nginx.conf and the image agree with each other and with the bot's webhook mode."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from bot.telegram.webhook import GRACE_S
from tests.paths import REPO

BIN = Path(sys.executable).parent
COMPOSE = REPO / "deploy" / "compose.yaml"
NGINX = REPO / "deploy" / "nginx.conf"
DOCKERFILE = REPO / "Dockerfile"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return data


def _seconds(value: str) -> int:
    match = re.fullmatch(r"(\d+)s", value)
    assert match, value
    return int(match.group(1))


def test_dockerfile_passes_hadolint() -> None:
    """hadolint finds nothing in the Dockerfile (with the ignores and reasons in
    .hadolint.yaml)."""
    result = subprocess.run(
        [
            str(BIN / "hadolint"),
            "--config",
            str(REPO / ".hadolint.yaml"),
            "--no-color",
            str(DOCKERFILE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_matches_the_compose_spec_schema() -> None:
    """deploy/compose.yaml validates against the compose-spec schema (as vendored by
    check-jsonschema)."""
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_two_webhook_replicas_on_postgresql(compose: dict[str, Any]) -> None:
    """Two bot replicas, both in webhook mode with file secrets, sharing the PostgreSQL
    service, each given longer to stop than the bot needs to finish its updates."""
    services = compose["services"]
    bots = [s for s in services.values() if "--webhook" in s.get("command", [])]
    assert len(bots) == 2
    for bot in bots:
        env = bot["environment"]
        assert env["BOT_DB"].startswith("postgresql://") and "@db:" in env["BOT_DB"]
        assert env["TELEGRAM_WEBHOOK_URL"].startswith("https://")
        assert _seconds(bot["stop_grace_period"]) > GRACE_S
        assert bot["depends_on"]["db"]["condition"] == "service_healthy"
        assert {"bot_token", "webhook_secret", "db_password", "chat_key"} <= set(bot["secrets"])
        assert env["BOT_CHAT_KEY_FILE"] == "/run/secrets/chat_key"  # one key for all replicas
    assert services["db"]["image"].startswith("postgres:")
    for secret in compose["secrets"].values():
        assert secret["file"].startswith("./secrets/")


def test_nginx_conf_routes_the_webhook_path_to_the_compose_replicas(
    compose: dict[str, Any],
) -> None:
    """nginx.conf balances over exactly the compose file's bot services on their BOT_LISTEN
    port, serves TELEGRAM_WEBHOOK_URL's path, and is what the nginx service mounts."""
    conf = NGINX.read_text(encoding="utf-8")
    services = compose["services"]
    bots = {name: s for name, s in services.items() if "--webhook" in s.get("command", [])}
    listen_port = next(iter(bots.values()))["environment"]["BOT_LISTEN"].rpartition(":")[2]
    upstreams = set(re.findall(r"^\s*server (\S+):(\d+)", conf, re.M))
    assert upstreams == {(name, listen_port) for name in bots}
    url = next(iter(bots.values()))["environment"]["TELEGRAM_WEBHOOK_URL"]
    path = urlsplit(re.sub(r"\$\{[^}]*\}", "bot.example.org", url)).path  # compose variables
    assert f"location = {path} " in conf
    nginx = services["nginx"]
    assert "./nginx.conf:/etc/nginx/nginx.conf:ro" in nginx["volumes"]
    assert "443:443" in nginx["ports"] and "listen 443 ssl;" in conf


def test_image_checks_health_and_stops_on_sigterm() -> None:
    """The image's HEALTHCHECK runs bot.healthcheck, exposes the webhook port, keeps its data
    on the volume, runs as a numeric non-root user, and starts policybot in exec form."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r'^HEALTHCHECK .*\\\n\s+CMD \["python", "-m", "bot.healthcheck"\]', text, re.M)
    assert "EXPOSE 8080" in text
    assert "POLICYBOT_DATA=/data" in text  # the chat-hash key file lands on the volume
    assert re.search(r"^USER 10001$", text, re.M)
    assert text.rstrip().endswith('CMD ["policybot", "run"]')
