"""Chinese word segmentation and POS tags, loaded once per process.

rjieba (jieba's Rust port: same dictionary, same segmentation and tags as
``jieba.lcut`` / ``jieba.posseg``, roughly 30x faster) is used where its wheel
installed; jieba itself is the fallback. Loading takes about a second with
jieba, so the app calls ``get_segmenter()`` from a worker thread at start-up.

jieba is imported with ``pkg_resources`` blocked (it only uses it to find its
own data files, and importing it is slow and bloats frozen bundles) and with
its cache file in the app's cache folder, never next to the executable.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from pathlib import Path
from typing import Any

from annotator.platform import app_paths

log = logging.getLogger(__name__)

_lock = threading.Lock()
_instance: Segmenter | None = None
# Dictionary look-ups remembered per segmenter: the candidate rules ask about the same words
# again and again, and a call into the engine costs more than a dict look-up.
_KNOWN_WORDS_LIMIT = 200_000


def import_jieba() -> Any:
    """Import jieba without pkg_resources, with its cache in the app's cache folder."""
    if "jieba" not in sys.modules:
        blocked = "pkg_resources" not in sys.modules
        if blocked:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail fast
        try:
            import jieba  # noqa: F401
        finally:
            if blocked:
                del sys.modules["pkg_resources"]
        jieba = sys.modules["jieba"]
        jieba.setLogLevel(logging.WARNING)
        jieba.dt.tmp_dir = str(app_paths.cache_dir())
        jieba.dt.cache_file = str(Path(app_paths.cache_dir()) / "jieba.cache")
        # Absolute path: the frozen app's working folder is not its install folder.
        jieba.dt.dictionary = str(Path(jieba.__file__).resolve().parent / "dict.txt")
    return sys.modules["jieba"]


class Segmenter:
    """Segmentation, POS tags and dictionary look-ups from one backend."""

    def __init__(self, backend: str | None = None) -> None:
        self.backend = backend or self._pick_backend()
        # Bumped by ``add_word``, so what callers remember about words can be forgotten.
        self.dictionary_version = 0
        self._known_words: dict[str, bool] = {}
        if self.backend == "rjieba":
            rjieba = importlib.import_module("rjieba")
            self._engine = rjieba.Jieba()
        else:
            jieba = import_jieba()
            jieba.initialize()
            self._jieba = jieba
            self._posseg = importlib.import_module("jieba.posseg")
            self._engine = None
        log.info("segmenter ready (%s)", self.backend)

    @staticmethod
    def _pick_backend() -> str:
        try:
            importlib.import_module("rjieba")
        except ImportError:
            return "jieba"
        return "rjieba"

    def cut(self, text: str) -> list[str]:
        if self._engine is not None:
            return self._engine.cut(text)
        return self._jieba.lcut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, POS) pairs; POS tags are jieba's (nr person, ns place, nt organisation...)."""
        if self._engine is not None:
            return self._engine.tag(text)
        return [(pair.word, pair.flag) for pair in self._posseg.cut(text)]

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) with code-point offsets."""
        if self._engine is not None:
            return self._engine.tokenize(text)
        return list(self._jieba.tokenize(text))

    def has_word(self, word: str) -> bool:
        known = self._known_words.get(word)
        if known is None:
            if self._engine is not None:
                known = self._engine.has_word(word)
            else:
                known = bool(self._jieba.dt.FREQ.get(word))
            if len(self._known_words) >= _KNOWN_WORDS_LIMIT:
                self._known_words.clear()
            self._known_words[word] = known
        return known

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self._known_words.clear()
        self.dictionary_version += 1
        if self._engine is not None:
            self._engine.add_word(word, freq or 0, tag or "")
        else:
            self._jieba.add_word(word, freq, tag)


def get_segmenter() -> Segmenter:
    """The process-wide segmenter, created on first use (thread-safe)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = Segmenter()
    return _instance
