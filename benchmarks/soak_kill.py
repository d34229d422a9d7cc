"""Kill the real app at random moments and check that nothing it acknowledged was lost.

    python benchmarks/soak_kill.py [--trials 100] [--seed 1] [--work DIR] [--max-seconds 3]

One project (the five seed pages with their candidates) is opened by the real
window (offscreen) again and again. In each trial a driver inside the app
presses real keys on the document view and triggers the window's actions:
Tab, Return, label digits, Delete, undo and redo, done-and-next, next
document, and selections labelled with a digit. The app's background jobs
run as usual meanwhile (candidates, propagation, the backup and check at
opening). After each keypress the
driver reads, on the window's own connection, the events the keypress
committed, and only once the window has shown the result prints them on
stdout: that line is the acknowledgement, seen from outside the app. At a
random moment the script sends SIGKILL: in most trials within
``--max-seconds`` of the first acknowledgement, in one in ten while the
window is still opening the project. A dialog the app puts up (a disk-full
or damage warning) is reported and closed.

Then it opens the project as the next start of the app would and checks:

* every acknowledged event is in the event log, unchanged;
* every entity and document status that an event touched is what the last
  event about it says (an action committed but killed before its
  acknowledgement may come after; never a lost one);
* SQLite's integrity check and Annotator's content checks find nothing.

It prints one line per trial and a summary; exit status 1 if anything
acknowledged was lost. CI runs three trials (tests/test_soak_kill.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

READY = "READY"
ACK = "ACK "
DIALOG = "DIALOG "
# Keys the driver presses, with how often.
STEPS = (
    ("tab", 28),
    ("return", 16),
    ("digit", 10),
    ("select", 12),  # select a few characters, then a label digit: there is always something to label
    ("delete", 6),
    ("undo", 6),
    ("redo", 4),
    ("done", 4),
    ("next", 4),
    ("shift-tab", 6),
)


# --- the project --------------------------------------------------------------------------


def build_project(path: Path) -> Path:
    """The seed pages, imported with their candidates, as ``annotator import`` makes them."""
    from annotator.cli.main import main

    code = main(["import", "--db", str(path), "-q", str(REPO / "seeds")])
    if code != 0:
        raise SystemExit(f"could not build the soak project (annotator import exited {code})")
    return path


# --- inside the app -------------------------------------------------------------------------


def run_child(project: Path, seed: int) -> int:
    """The real window on ``project``, driven by keys; prints READY, then one ACK line per committed keypress."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import build_main_window, ensure_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(os.environ["ANNOTATOR_HOME"]) / "settings")
    )
    app = ensure_application()
    window = build_main_window(project, "soak", restore_settings=False)
    window.show()
    window.start(background=True)
    store, view = window.store, window.view
    rng = random.Random(seed)
    names, weights = zip(*STEPS)
    seen = {"event": store.db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]}
    out = sys.stdout

    def press(step: str) -> None:
        if step == "tab":
            QTest.keyClick(view, Qt.Key.Key_Tab)
        elif step == "shift-tab":
            QTest.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        elif step == "return":
            QTest.keyClick(view, Qt.Key.Key_Return)
        elif step == "digit":
            QTest.keyClick(view, rng.choice([Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3]))
        elif step == "select":
            text = view.toPlainText()
            starts = [i for i in range(max(0, len(text) - 4)) if text[i : i + 3].strip() == text[i : i + 3]]
            if starts:
                start = rng.choice(starts)
                cursor = view.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(start + rng.randint(2, 3), QTextCursor.MoveMode.KeepAnchor)
                view.setTextCursor(cursor)
                QTest.keyClick(view, rng.choice([Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3]))
        elif step == "delete":
            QTest.keyClick(view, Qt.Key.Key_Delete)
        elif step == "undo":
            window.actions_by_name["undo"].trigger()
        elif step == "redo":
            window.actions_by_name["redo"].trigger()
        elif step == "done":
            window.actions_by_name["done_and_next"].trigger()
        elif step == "next":
            window.actions_by_name["next_document"].trigger()

    def step() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            # A dialog the user would have to answer: report it (the parent counts them) and close it.
            text = getattr(modal, "text", lambda: "")()
            out.write(DIALOG + json.dumps(f"{modal.windowTitle()}: {text}", ensure_ascii=False) + "\n")
            out.flush()
            modal.reject()
            QTimer.singleShot(0, step)
            return
        press(rng.choices(names, weights)[0])
        # What the keypress committed, read on the window's own connection once the window has shown it.
        rows = [
            dict(zip(("id", "action", "target", "after"), row))
            for row in store.db.execute(
                "SELECT id, action, target, after FROM events WHERE id > ? ORDER BY id", (seen["event"],)
            )
        ]
        if rows:
            seen["event"] = rows[-1]["id"]
            out.write(ACK + json.dumps(rows, ensure_ascii=False) + "\n")
            out.flush()
        QTimer.singleShot(0, step)

    out.write(READY + "\n")
    out.flush()
    QTimer.singleShot(0, step)
    return app.exec()


# --- outside: kill, then check ----------------------------------------------------------------


@dataclass
class TrialResult:
    trial: int
    killed_after: float
    acknowledged: int  # events acknowledged in this trial
    lost: list[str] = field(default_factory=list)
    damage: list[str] = field(default_factory=list)
    started: bool = True
    # dialogs the app put up (a disk-full or damage warning would show here)
    dialogs: list[str] = field(default_factory=list)


def run_trial(project: Path, home: Path, trial: int, rng: random.Random, max_seconds: float) -> TrialResult:
    env = dict(os.environ, ANNOTATOR_HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    log = (home / f"trial-{trial}.log").open("w", encoding="utf-8")  # the app's own messages, for the curious
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", str(project), "--seed", str(rng.randrange(1 << 30))],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        encoding="utf-8",
        env=env,
    )
    acknowledged: list[dict] = []
    dialogs: list[str] = []
    ready = threading.Event()
    first_ack = threading.Event()

    def read() -> None:
        for line in child.stdout:
            if line.startswith(READY):
                ready.set()
            elif line.startswith(ACK) and line.endswith("\n"):
                acknowledged.extend(json.loads(line[len(ACK) :]))
                first_ack.set()
            elif line.startswith(DIALOG) and line.endswith("\n"):
                dialogs.append(json.loads(line[len(DIALOG) :]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    # One trial in ten is killed while the app is still opening the project (and taking
    # its opening backup); the others while it works, counted from its first acknowledgement.
    early = rng.random() < 0.1
    started = time.monotonic()
    if not early:
        first_ack.wait(timeout=60)
    delay = rng.uniform(0.2, 3.0) if early else rng.uniform(0.0, max_seconds)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(timeout=10)
    log.close()
    result = TrialResult(trial, time.monotonic() - started, len(acknowledged), started=ready.is_set(), dialogs=dialogs)
    result.lost, result.damage = verify(project, acknowledged)
    return result


def verify(project: Path, acknowledged: list[dict]) -> tuple[list[str], list[str]]:
    """What was acknowledged and is not in the project; what is damaged. Opens it as the app's next start would."""
    from annotator.store import health

    conn = sqlite3.connect(project, isolation_level=None)
    try:
        damage = health.full_check(conn)
        lost = []
        stored = {
            row[0]: (row[1], row[2], row[3])
            for row in conn.execute(
                "SELECT id, action, target, after FROM events WHERE id >= ?",
                (min((e["id"] for e in acknowledged), default=0),),
            )
        }
        for event in acknowledged:
            if stored.get(event["id"]) != (event["action"], event["target"], event["after"]):
                lost.append(f"event {event['id']} ({event['action']} {event['target']}) is not in the log as acknowledged")
        lost += _state_disagrees(conn, {e["target"] for e in acknowledged if e["target"]})
    finally:
        conn.close()
    return lost, damage


def _state_disagrees(conn: sqlite3.Connection, targets: set[str]) -> list[str]:
    """Entities and document statuses that differ from the newest event about them (which may be unacknowledged)."""
    problems = []
    for target in sorted(targets):
        kind, _, key = target.partition(":")
        latest = conn.execute(
            "SELECT action, after FROM events WHERE target = ? ORDER BY id DESC LIMIT 1", (target,)
        ).fetchone()
        if latest is None:
            continue
        after = json.loads(latest[1]) if latest[1] else None
        if kind == "entity":
            row = conn.execute('SELECT start, "end", label, text FROM entities WHERE id = ?', (int(key),)).fetchone()
            if after is None and row is not None:
                problems.append(f"{target}: deleted by {latest[0]}, still there")
            elif after is not None and (row is None or list(row) != [after["start"], after["end"], after["label"], after["text"]]):
                problems.append(f"{target}: is {row}, the log says {after}")
        elif kind == "document" and latest[0] == "document.status" and after is not None:
            row = conn.execute("SELECT status FROM documents WHERE id = ?", (key,)).fetchone()
            if row is None or row[0] != after["status"]:
                problems.append(f"{target}: status {row and row[0]}, the log says {after['status']}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--max-seconds", type=float, default=3.0, help="latest kill, after the app's first acknowledged action"
    )
    parser.add_argument("--work", type=Path, help="folder for the project (default: a temporary one)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args.child, args.seed)
    with tempfile.TemporaryDirectory(prefix="annotator-soak-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        home = work / "home"
        home.mkdir(parents=True, exist_ok=True)
        os.environ["ANNOTATOR_HOME"] = str(home)
        project = work / "soak.db"
        if not project.exists():
            build_project(project)
        rng = random.Random(args.seed)
        total = lost = damaged = dialogs = 0
        for trial in range(1, args.trials + 1):
            result = run_trial(project, home, trial, rng, args.max_seconds)
            total += result.acknowledged
            lost += len(result.lost)
            damaged += bool(result.damage)
            state = "" if result.started else " (killed while opening)"
            print(
                f"trial {trial}: killed after {result.killed_after:.2f} s{state}, "
                f"{result.acknowledged} acknowledged events, {len(result.lost)} lost"
                + (f", DAMAGED: {result.damage[0]}" if result.damage else ""),
                flush=True,
            )
            for problem in result.lost[:5]:
                print(f"  lost: {problem}", flush=True)
            for dialog in result.dialogs[:3]:
                print(f"  dialog: {dialog}", flush=True)
            dialogs += len(result.dialogs)
        with sqlite3.connect(project) as conn:
            events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        print(
            f"{args.trials} SIGKILLs: {total} acknowledged events, {lost} lost, {damaged} trials left damage, "
            f"{dialogs} dialogs; {events} events in the log"
        )
    return 1 if lost or damaged or dialogs else 0


if __name__ == "__main__":
    sys.exit(main())
