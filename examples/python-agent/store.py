"""Durable memory of the agent: one SQLite file (stdlib sqlite3).

- `journal`: every turn request received, appended and committed before any work on it, so even a
  request whose process was killed mid-turn leaves its record. Diagnostic, and the counter behind
  the test knobs (`failTimes`, `sleepSeconds`), which must survive a restart.
- `answers`: the answer given for each Idempotency-Key, committed before it is sent. A request
  repeating a key gets this answer again without recomputing it.

Each call opens its own connection (the server is threaded); WAL mode lets readers run beside a
writer, and a busy timeout serialises writers.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
  key    TEXT PRIMARY KEY,
  status INTEGER NOT NULL,
  body   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS journal (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  key         TEXT,
  run_id      TEXT,
  turn        INTEGER,
  received_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS journal_run ON journal (run_id, turn);
CREATE INDEX IF NOT EXISTS journal_key ON journal (key);
"""


class Store:
    def __init__(self, data_dir: str | Path):
        self.path = Path(data_dir) / "notes-agent.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()  # one writer at a time inside this process
        with closing(self._connect()) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            db.commit()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level="DEFERRED")
        db.execute("PRAGMA synchronous=FULL")  # a committed row survives a power cut, not only kill -9
        return db

    def record_request(self, key: str | None, run_id: str | None, turn: int | None) -> int:
        """Appends one journal entry and commits it; returns its seq."""
        received_at = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        with self._lock, closing(self._connect()) as db:
            cur = db.execute(
                "INSERT INTO journal (key, run_id, turn, received_at) VALUES (?, ?, ?, ?)",
                (key, run_id, turn, received_at),
            )
            db.commit()
            return int(cur.lastrowid)

    def count_key(self, key: str) -> int:
        with closing(self._connect()) as db:
            return db.execute("SELECT COUNT(*) FROM journal WHERE key = ?", (key,)).fetchone()[0]

    def count_turn(self, run_id: str, turn: int) -> int:
        with closing(self._connect()) as db:
            return db.execute(
                "SELECT COUNT(*) FROM journal WHERE run_id = ? AND turn = ?", (run_id, turn)
            ).fetchone()[0]

    def answer(self, key: str) -> tuple[int, str] | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT status, body FROM answers WHERE key = ?", (key,)).fetchone()
            return (int(row[0]), row[1]) if row else None

    def keep_answer(self, key: str, status: int, body: str) -> tuple[int, str]:
        """Stores the answer unless one is there already; returns the stored one (first wins)."""
        with self._lock, closing(self._connect()) as db:
            db.execute("INSERT OR IGNORE INTO answers (key, status, body) VALUES (?, ?, ?)", (key, status, body))
            db.commit()
            row = db.execute("SELECT status, body FROM answers WHERE key = ?", (key,)).fetchone()
            return int(row[0]), row[1]

    def journal(self, run_id: str | None) -> list[dict[str, Any]]:
        with closing(self._connect()) as db:
            if run_id is None:
                rows = db.execute("SELECT seq, key, run_id, turn, received_at FROM journal ORDER BY seq")
            else:
                rows = db.execute(
                    "SELECT seq, key, run_id, turn, received_at FROM journal WHERE run_id = ? ORDER BY seq",
                    (run_id,),
                )
            return [
                {"seq": r[0], "key": r[1], "runId": r[2], "turn": r[3], "receivedAt": r[4]} for r in rows.fetchall()
            ]
