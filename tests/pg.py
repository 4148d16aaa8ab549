"""A throw-away PostgreSQL server for the tests, from the machine's own binaries.

initdb into a temporary directory, `postgres` on a free loopback port with its socket in
that directory, durability switched off (the data dies with the test run anyway). The
server refuses to run as root, so under root (CI) it runs as the `postgres` system user
that Debian's package creates (or `nobody`).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BINARIES = ("initdb", "pg_ctl", "postgres")


def find_bindir() -> Path | None:
    """The directory holding initdb, pg_ctl and postgres: PATH first, then Debian's layout."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for directory in candidates:
        if all((directory / b).exists() for b in BINARIES):
            return directory
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> tuple[int, int] | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    raise RuntimeError("running as root with neither a postgres nor a nobody user")


class PostgresServer:
    """One server; `new_database()` gives each test its own empty database."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="policybot-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        self._ids = _run_as()
        if self._ids is not None:
            os.chmod(self.root, 0o755)  # noqa: S103 - the server's own user must enter it
            os.chown(self.root, *self._ids)

    def _cmd(self, *args: str, timeout: float = 60) -> None:
        def demote() -> None:
            if self._ids is not None:
                os.setgid(self._ids[1])
                os.setuid(self._ids[0])

        subprocess.run(
            args, check=True, capture_output=True, timeout=timeout, preexec_fn=demote, cwd=self.root
        )

    def start(self) -> PostgresServer:
        """Create the cluster and start the server."""
        self._cmd(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        return self.resume()

    def resume(self) -> PostgresServer:
        """Start the server (again) on the same port and data."""
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=100"
        )
        self._cmd(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def pause(self, mode: str = "fast") -> None:
        """Stop the server, keeping its data (an outage, as far as clients can tell)."""
        self._cmd(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", timeout=30
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def destroy(self) -> None:
        """Stop the server if it runs and delete everything it wrote."""
        with contextlib.suppress(subprocess.CalledProcessError):  # it was not running
            self.pause("immediate")  # nothing to keep: no checkpoint, no waiting for clients
        shutil.rmtree(self.root, ignore_errors=True)
