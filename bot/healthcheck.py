"""The container's health check (`python -m bot.healthcheck`, the Dockerfile's HEALTHCHECK).

In webhook mode (TELEGRAM_WEBHOOK_URL set) it asks the replica's own GET /healthz on
BOT_LISTEN and exits 0 only on a 200. In polling mode the bot serves no HTTP, so there is
nothing more to ask than whether the process runs, which Docker already knows: exit 0.
Standard library only, so a check costs a few milliseconds and no bot imports.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping

TIMEOUT_S = 3.0
ANY_ADDRESS = {"", "0.0.0.0", "::", "[::]"}  # noqa: S104 - recognised, not bound


def url_for(env: Mapping[str, str]) -> str | None:
    """The /healthz URL to ask, or None in polling mode."""
    if not env.get("TELEGRAM_WEBHOOK_URL", "").strip():
        return None
    listen = env.get("BOT_LISTEN", "").strip() or "0.0.0.0:8080"
    host, _, port = listen.rpartition(":")
    if host in ANY_ADDRESS:
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/healthz"


def main(env: Mapping[str, str] | None = None) -> int:
    """Probe this replica's /healthz in webhook mode: exit 0 on 200 or with nothing to probe."""
    url = url_for(os.environ if env is None else env)
    if url is None:
        return 0
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:  # noqa: S310 - our URL
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"healthcheck: {url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
