"""The shipped deployment, for real: nginx with deploy/nginx.conf (ports and certificate
paths substituted) terminating TLS in front of two `policybot run --webhook` replicas on
one PostgreSQL, and a Telegram-like deliverer that redelivers whatever is not
acknowledged. One replica is killed mid-way and restarted."""

from __future__ import annotations

import datetime
import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.botapi_double import BotApiDouble
from tests.helpers import message_update
from tests.paths import REPO
from tests.pg import PostgresServer, free_port
from tests.webhook_delivery import Deliverer, WebhookBot, webhook_env

NGINX_CONF = REPO / "deploy" / "nginx.conf"
HOOK_PATH = "/telegram/webhook"
SECRET = "replica-test-secret_0123456789"  # noqa: S105 - a test value
CHATS, PER_CHAT = 200, 5
KILL_AFTER = 300  # acknowledged updates before one replica is killed
MAX_CONNECTIONS = 20
QUESTIONS = (
    "两业融合是什么",
    "低空经济属于哪一类产业",
    "数智化转型怎么做",
    "专精特新企业有什么支持",
    "What is 12218?",
    "帮我写一首诗",
    "今天天气怎么样",
    "智能网联新能源汽车",
)

pytestmark = pytest.mark.timeout(120)


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A throw-away certificate for 127.0.0.1 and localhost; (certificate, key) paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fullchain.pem", directory / "privkey.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def nginx_conf(tmp: Path, port: int, upstreams: tuple[int, int], cert: Path, key: Path) -> str:
    """deploy/nginx.conf with loopback ports, the test's certificate and temp paths (and the
    upstreams without `resolve`); every substitution must find its text, so a changed
    config cannot silently escape the test."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    temp = "".join(
        f"    {kind}_temp_path {tmp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    for old, new in {
        "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
        # Loopback addresses need no lookup, and Debian's nginx (1.22) predates `resolve`.
        "server bot1:8080 max_fails=1 fail_timeout=3s resolve;": f"server 127.0.0.1:{upstreams[0]} max_fails=1 fail_timeout=3s;",
        "server bot2:8080 max_fails=1 fail_timeout=3s resolve;": f"server 127.0.0.1:{upstreams[1]} max_fails=1 fail_timeout=3s;",
        "/etc/nginx/tls/fullchain.pem": str(cert),
        "/etc/nginx/tls/privkey.pem": str(key),
        "access_log /var/log/nginx/access.log;": f"access_log {tmp / 'access.log'};",
        "http {\n": "http {\n" + temp,
    }.items():
        assert old in text, f"deploy/nginx.conf no longer contains {old!r}"
        text = text.replace(old, new)
    return text


@dataclass
class Readiness:
    """Polls each replica's /readyz as an orchestrator would, recording what it saw."""

    bots: dict[str, WebhookBot]
    seen: list[tuple[float, str, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Readiness:
        def poll() -> None:
            with httpx.Client(timeout=2) as client:
                while not self._stop.is_set():
                    for name, bot in self.bots.items():
                        try:
                            status = client.get(bot.local + "/readyz").status_code
                        except httpx.HTTPError:
                            status = 599  # refused: nothing listens
                        self.seen.append((time.monotonic(), name, status))
                    time.sleep(0.05)

        self._thread = threading.Thread(target=poll, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def of(self, name: str, start: float, end: float) -> list[int]:
        return [s for t, n, s in self.seen if n == name and start <= t <= end]


@pytest.fixture
def nginx_bin() -> str:
    found = find_nginx()
    if found is None:
        pytest.fail("nginx is not installed (.ci/run installs Debian's nginx)")
    return found


@pytest.fixture
def stack(
    tmp_path: Path, postgres: PostgresServer, index_cache: Path, nginx_bin: str
) -> Iterator[tuple[dict[str, WebhookBot], BotApiDouble, Deliverer, str, Path]]:
    """nginx, two replicas and the double, all on loopback; torn down afterwards."""
    double = BotApiDouble().start()
    db = postgres.new_database()
    edge, ports = free_port(), (free_port(), free_port())
    cert, key = self_signed(tmp_path)
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(tmp_path, edge, ports, cert, key), encoding="utf-8")
    nginx = subprocess.Popen(
        [
            nginx_bin,
            "-p",
            str(tmp_path),
            "-c",
            str(conf),
            "-e",
            str(tmp_path / "error.log"),
            "-g",
            f"daemon off; pid {tmp_path / 'nginx.pid'};",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    public = f"https://127.0.0.1:{edge}{HOOK_PATH}"
    bots = {
        name: WebhookBot(
            webhook_env(
                base_url=double.base_url,
                public_url=public,
                secret=SECRET,
                listen=port,
                db=db,
                cache=index_cache,
                TELEGRAM_WEBHOOK_MAX_CONNECTIONS=str(MAX_CONNECTIONS),
            ),
            port,
            tmp_path / f"{name}.log",
        ).start()
        for name, port in zip(("bot1", "bot2"), ports, strict=True)
    }
    deliverer = None
    try:
        for bot in bots.values():
            bot.wait_ready()
        assert nginx.poll() is None, (tmp_path / "error.log").read_text()
        trust = ssl.create_default_context(cafile=str(cert))
        deliverer = Deliverer.from_set_webhook(double, verify=trust, timeout=15).start()
        yield bots, double, deliverer, db, tmp_path
    finally:
        if deliverer is not None:
            deliverer.stop()
        for bot in bots.values():
            if bot.proc is not None and bot.proc.poll() is None:
                bot.stop()
        nginx.terminate()
        nginx.wait(10)
        double.stop()


def _updates(per_chat: int) -> list[dict[str, Any]]:
    """`/ask` questions in CHATS groups; each reply quotes its question's message id."""
    return [
        message_update(
            f"/ask {QUESTIONS[(chat + i) % len(QUESTIONS)]}", chat_id=-1_002_000_000_000 - chat
        )
        for i in range(per_chat)
        for chat in range(CHATS)
    ]


def _wait_acknowledged(deliverer: Deliverer, count: int, started: float) -> None:
    while len(deliverer.acknowledged()) < count:
        assert time.monotonic() - started < 30, "updates stopped being acknowledged"
        time.sleep(0.01)


def _logged_once(db: str, updates: list[dict[str, Any]]) -> None:
    """Every update is in the query log once and in the handled ids once; chats count once."""
    ids = [u["update_id"] for u in updates]
    with psycopg.connect(db) as conn:
        logged, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT update_id) FROM queries WHERE update_id = ANY(%s)",
            (ids,),
        ).fetchone() or (0, 0)
        handled = conn.execute(
            "SELECT COUNT(*) FROM handled_updates WHERE update_id = ANY(%s)", (ids,)
        ).fetchone()
        chats = conn.execute(
            "SELECT COUNT(DISTINCT chat) FROM queries WHERE update_id = ANY(%s)", (ids,)
        ).fetchone()
    assert (logged, distinct) == (len(updates), len(updates))
    assert handled == (len(updates),)
    assert chats == (CHATS,)  # both replicas hash a chat alike: /stats counts it once


def test_two_replicas_behind_nginx_survive_a_killed_replica(
    stack: tuple[dict[str, WebhookBot], BotApiDouble, Deliverer, str, Path],
) -> None:
    """1,000 updates from 200 chats through nginx; one replica is killed (SIGKILL) mid-way
    and restarted. Every update is answered and logged once in PostgreSQL, the killed
    replica is never reported ready while it is down, and the other stays ready throughout.
    An update can be answered twice only if the kill falls between its reply leaving and
    its id being recorded (a few milliseconds): at most the updates in hand at the kill."""
    bots, double, deliverer, db, _ = stack
    assert len(double.of("setWebhook")) == 2  # each replica registers the same webhook
    readiness = Readiness(bots).start()
    updates = _updates(PER_CHAT)
    started = time.monotonic()
    for update in updates:
        deliverer.push(update)

    _wait_acknowledged(deliverer, KILL_AFTER, started)
    bots["bot1"].kill()
    killed = time.monotonic()
    bots["bot1"].start()
    bots["bot1"].wait_ready()
    back = time.monotonic()

    deliverer.wait_delivered(timeout=45)
    elapsed = time.monotonic() - started
    time.sleep(0.2)
    readiness.stop()

    # Every update answered; the reply quotes the question, so replies map to updates.
    replies = Counter(c.replies_to for c in double.of("sendMessage"))
    asked = {u["message"]["message_id"] for u in updates}
    assert asked <= set(replies), f"{len(asked - set(replies))} updates never answered"
    twice = sorted(m for m in asked if replies[m] > 1)
    print(
        f"\n{len(updates)} updates in {elapsed:.1f} s; replica down for {back - killed:.1f} s;"
        f" answered twice: {len(twice)}; delivery attempts: {len(deliverer.attempts)}"
    )
    assert len(twice) <= MAX_CONNECTIONS

    _logged_once(db, updates)

    # Readiness: both ready before the kill; the killed one never ready while down (only
    # "refused" or 503 until its restart was ready); the other ready all along.
    assert set(readiness.of("bot1", started, killed - 0.1)) == {200}
    down = readiness.of("bot1", killed + 0.01, back - 0.1)
    assert down and 200 not in down
    assert readiness.of("bot1", back + 0.1, time.monotonic())[-1] == 200
    assert set(readiness.of("bot2", started, time.monotonic())) == {200}
    assert elapsed < 60


def test_a_rolling_restart_answers_every_update_once(
    stack: tuple[dict[str, WebhookBot], BotApiDouble, Deliverer, str, Path],
) -> None:
    """Under load, each replica in turn is stopped with SIGTERM (as `docker stop` does) and
    started again: every update is answered exactly once and logged once."""
    bots, double, deliverer, db, _ = stack
    updates = _updates(3)
    started = time.monotonic()
    for update in updates:
        deliverer.push(update)
    for name, after in (("bot1", 150), ("bot2", 350)):
        _wait_acknowledged(deliverer, after, started)
        assert bots[name].stop() == 0, bots[name].log()
        bots[name].start()
        bots[name].wait_ready()
    deliverer.wait_delivered(timeout=45)
    replies = Counter(c.replies_to for c in double.of("sendMessage"))
    asked = [u["message"]["message_id"] for u in updates]
    assert [m for m in asked if replies[m] != 1] == []
    assert not double.of("deleteWebhook")
    _logged_once(db, updates)
