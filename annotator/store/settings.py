"""Project settings (key and value) and the annotators who have worked on the project."""

from __future__ import annotations

from annotator.errors import DatabaseError
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate


class Settings(Aggregate):
    def get(self, key: str, default: str | None = None) -> str | None:
        value = self._db.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else value

    def set(self, key: str, value: str) -> None:
        with self._db.transaction():
            before = self._db.scalar("SELECT value FROM settings WHERE key = ?", (key,))
            if before == value:
                return
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self._db.log("setting.set", None, f"setting:{key}", before, value)

    def annotators(self) -> list[str]:
        return [name for (name,) in self._db.execute("SELECT name FROM annotators ORDER BY name")]

    def add_annotator(self, name: str) -> str:
        """Record ``name`` among the project's annotators (once); returns the name as stored."""
        name = (name or "").strip()
        if not name:
            raise DatabaseError("the annotator name cannot be empty")
        known = "SELECT 1 FROM annotators WHERE name = ?"
        # Checked before taking the write lock: opening a project as a known annotator writes nothing.
        if self._db.scalar(known, (name,)):
            return name
        with self._db.transaction():
            if not self._db.scalar(known, (name,)):
                self._db.execute("INSERT INTO annotators (name, created_at) VALUES (?, ?)", (name, utc_now()))
                self._db.log("annotator.add", None, f"annotator:{name}", None, {"name": name})
        return name
