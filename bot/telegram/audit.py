"""The audit log: who asked what, when, and which facts they were shown (SQLite via sqlite-utils).

Writes happen in the worker thread that ran the engine, so one connection is shared across
threads behind a lock; WAL keeps each insert cheap.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

TABLE = "events"

log = logging.getLogger("briefbot.audit")


@dataclass(frozen=True)
class Stats:
    questions: int
    last_day: int
    users: int
    unanswered: int
    refusals: int
    rate_limited: int
    reloads: int
    uploads: int
    top_queries: list[tuple[str, int]]

    def lines(self) -> list[str]:
        rows = [
            f"Questions: {self.questions} ({self.last_day} in the last 24 h) "
            f"from {self.users} people",
            f"Unanswered: {self.unanswered}",
            f"Refusals: {self.refusals}; rate-limited: {self.rate_limited}",
            f"Reloads: {self.reloads}; uploads: {self.uploads}",
        ]
        if self.top_queries:
            rows.append("Most asked:")
            rows += [f"  {count}× {query}" for query, count in self.top_queries]
        return rows


class AuditLog:
    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._lock = threading.Lock()
        self._failing = False  # the last write failed; warned about once per run of failures
        self.db = Database(self._conn)
        table = self.db.table(TABLE)
        if not table.exists():
            table.create(
                {
                    "id": int,
                    "ts": float,
                    "event": str,
                    "user_id": int,
                    "chat_id": int,
                    "chat_type": str,
                    "text": str,
                    "reply_kind": str,
                    "fact_ids": str,
                    "elapsed_ms": float,
                },
                pk="id",
            )
            table.create_index(["ts"])
            table.create_index(["event", "user_id"])

    def record(
        self,
        event: str,
        *,
        user_id: int | None,
        chat_id: int | None,
        chat_type: str | None = None,
        text: str = "",
        reply_kind: str | None = None,
        fact_ids: Sequence[str] = (),
        elapsed_ms: float | None = None,
    ) -> None:
        row = {
            "ts": time.time(),
            "event": event,
            "user_id": user_id,
            "chat_id": chat_id,
            "chat_type": chat_type,
            "text": text[:2000],
            "reply_kind": reply_kind,
            "fact_ids": json.dumps(list(fact_ids)),
            "elapsed_ms": elapsed_ms,
        }
        with self._lock:
            try:
                self.db.table(TABLE).insert(row)
            except sqlite3.Error as exc:
                # A full disk or a locked file must not cost the user the answer it records.
                if not self._failing:
                    log.warning("audit log write failed (%s); events go unrecorded", exc)
                self._failing = True
                return
            if self._failing:
                log.warning("audit log writes work again")
            self._failing = False

    def stats(self, *, now: float | None = None, top: int = 5) -> Stats:
        now = time.time() if now is None else now
        asked = "event IN ('question', 'command', 'inline')"
        with self._lock:

            def scalar(sql: str, *params: object) -> int:
                return int(self._conn.execute(sql, params).fetchone()[0] or 0)

            def count(event: str) -> int:
                return scalar(f"SELECT count(*) FROM {TABLE} WHERE event = ?", event)

            top_rows = self._conn.execute(
                f"SELECT lower(text) q, count(*) n FROM {TABLE} WHERE {asked} "
                "GROUP BY q ORDER BY n DESC, q LIMIT ?",
                (top,),
            ).fetchall()
            return Stats(
                questions=scalar(f"SELECT count(*) FROM {TABLE} WHERE {asked}"),
                last_day=scalar(
                    f"SELECT count(*) FROM {TABLE} WHERE {asked} AND ts >= ?", now - 86400
                ),
                users=scalar(f"SELECT count(DISTINCT user_id) FROM {TABLE} WHERE {asked}"),
                unanswered=scalar(
                    f"SELECT count(*) FROM {TABLE} WHERE {asked} AND reply_kind = 'no_answer'"
                ),
                refusals=count("refused"),
                rate_limited=count("rate_limited"),
                reloads=count("reload"),
                uploads=count("upload"),
                top_queries=[(q, n) for q, n in top_rows],
            )

    def rows(self) -> list[dict[str, object]]:
        with self._lock:
            return list(self.db.table(TABLE).rows)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
