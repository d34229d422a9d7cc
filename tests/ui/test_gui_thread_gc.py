"""While the app runs, garbage is collected on the GUI thread only, never on a worker's."""

from __future__ import annotations

import gc
import threading

from annotator.ui.gui_thread_gc import GuiThreadCollector


def _make_cycles(count: int) -> None:
    for _ in range(count):
        a: list = []
        b = [a]
        a.append(b)


def test_collections_happen_on_the_gui_thread_only(qtbot):
    collecting_threads: list[int] = []

    def record(phase: str, _info: dict) -> None:
        if phase == "start":
            collecting_threads.append(threading.get_ident())

    enabled_before = gc.isenabled()  # (off for the UI tests: see conftest)
    collector = GuiThreadCollector()
    gc.callbacks.append(record)
    try:
        collector.start()
        assert not gc.isenabled()
        worker = threading.Thread(target=_make_cycles, args=(50_000,))
        worker.start()
        worker.join()
        assert collecting_threads == []  # the worker filled generation 0 many times over, and collected nothing
        qtbot.waitUntil(lambda: len(collecting_threads) > 0, timeout=5000)
        assert set(collecting_threads) == {threading.get_ident()}
    finally:
        collector.stop()
        gc.callbacks.remove(record)
    assert gc.isenabled() == enabled_before  # stopping puts back what it found


def test_check_collects_the_oldest_generation_past_its_threshold():
    collector = GuiThreadCollector()
    collector.start()
    try:
        gc.collect()
        assert collector.check() == -1  # nothing allocated since
        _make_cycles(gc.get_threshold()[0] + 10)
        assert collector.check() == 0
    finally:
        collector.stop()
