"""Webhook-mode throughput, for the README's scale arithmetic: `python -m bench.webhook`.

Real processes on loopback, the same pieces as tests/test_replicas.py: the Bot API double,
a Telegram-like deliverer (20 connections, redelivery on failure), and
  1. one `policybot run --webhook` replica on SQLite, posted to directly;
  2. one replica on PostgreSQL, posted to directly;
  3. two replicas on PostgreSQL behind nginx with deploy/nginx.conf (TLS).
Every update is a group `/ask` question; the rate limiter is off. The double, the
deliverer, nginx and PostgreSQL share the machine with the bot, so on 2 cores these figures
understate what a replica does on its own; the bot processes' own CPU time per update says
what one replica can do per core. Bounded: 2,000 updates per run, 60 s at most.
"""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.botapi_double import BotApiDouble
from tests.helpers import message_update
from tests.pg import PostgresServer, find_bindir, free_port
from tests.test_replicas import QUESTIONS, find_nginx, nginx_conf, self_signed
from tests.webhook_delivery import Deliverer, WebhookBot, webhook_env

UPDATES, CHATS, CONNECTIONS = 2000, 500, 20
SECRET = "bench-secret"  # noqa: S105 - a loopback-only value


def _cpu_seconds(bot: WebhookBot) -> float:
    """CPU time (user + system) the replica's process has used so far."""
    assert bot.proc is not None
    fields = Path(f"/proc/{bot.proc.pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _run(
    name: str, tmp: Path, db: Path | str, *, replicas: int, nginx_bin: str | None, cache: Path
) -> str:
    double = BotApiDouble().start()
    ports = [free_port() for _ in range(replicas)]
    edge = free_port()
    public = (
        f"https://127.0.0.1:{edge}/telegram/webhook"
        if nginx_bin
        else "https://bot.example.org/telegram/webhook"
    )
    bots = [
        WebhookBot(
            webhook_env(
                base_url=double.base_url,
                public_url=public,
                secret=SECRET,
                listen=port,
                db=db,
                cache=cache,
                TELEGRAM_WEBHOOK_MAX_CONNECTIONS=str(CONNECTIONS),
            ),
            port,
            tmp / f"{name}-{port}.log",
        ).start()
        for port in ports
    ]
    nginx = None
    try:
        for bot in bots:
            bot.wait_ready(60)
        if nginx_bin:
            cert, key = self_signed(tmp)
            conf = tmp / "nginx.conf"
            conf.write_text(nginx_conf(tmp, edge, (ports[0], ports[1]), cert, key))
            nginx = subprocess.Popen(
                [
                    nginx_bin,
                    "-p",
                    str(tmp),
                    "-c",
                    str(conf),
                    "-e",
                    str(tmp / "error.log"),
                    "-g",
                    f"daemon off; pid {tmp / 'nginx.pid'};",
                ]
            )
            time.sleep(0.5)
            verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(cert))
            url = public
        else:
            verify, url = False, f"{bots[0].local}/telegram/webhook"
        deliverer = Deliverer(url, SECRET, CONNECTIONS, verify=verify).start()
        cpu_before = sum(_cpu_seconds(bot) for bot in bots)
        started = time.monotonic()
        for i in range(UPDATES):
            deliverer.push(
                message_update(
                    f"/ask {QUESTIONS[i % len(QUESTIONS)]}", chat_id=-1_003_000_000_000 - i % CHATS
                )
            )
        deliverer.wait_delivered(60)
        elapsed = time.monotonic() - started
        cpu_ms = (sum(_cpu_seconds(bot) for bot in bots) - cpu_before) * 1000 / UPDATES
        deliverer.stop()
        replies = len(double.of("sendMessage"))
        return (
            f"| {name} | {UPDATES:,} | {elapsed:.1f} s | {UPDATES / elapsed:.0f} |"
            f" {cpu_ms:.1f} ms | {1000 / cpu_ms:.0f} | {replies:,} |"
        )
    finally:
        for bot in bots:
            bot.stop()
        if nginx is not None:
            nginx.terminate()
            nginx.wait(10)
        double.stop()


def main() -> int:
    """Measure webhook mode; print the figures and return the exit code."""
    bindir = find_bindir()
    tmp = Path(tempfile.mkdtemp(prefix="bench-webhook-"))
    cache = tmp / "cache"
    print(
        "| setup | updates | time | updates/s | bot CPU per update | updates/s per core"
        " (from CPU) | replies |\n|---|---|---|---|---|---|---|"
    )
    print(
        _run(
            "1 replica, SQLite", tmp, tmp / "bot.sqlite3", replicas=1, nginx_bin=None, cache=cache
        ),
        flush=True,
    )
    if bindir is None:
        print("PostgreSQL not installed: the PostgreSQL rows are skipped")
        return 0
    server = PostgresServer(bindir).start()
    try:
        print(
            _run(
                "1 replica, PostgreSQL",
                tmp,
                server.new_database(),
                replicas=1,
                nginx_bin=None,
                cache=cache,
            ),
            flush=True,
        )
        nginx_bin = find_nginx()
        if nginx_bin:
            print(
                _run(
                    "2 replicas, PostgreSQL, nginx (TLS)",
                    tmp,
                    server.new_database(),
                    replicas=2,
                    nginx_bin=nginx_bin,
                    cache=cache,
                ),
                flush=True,
            )
    finally:
        server.destroy()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
