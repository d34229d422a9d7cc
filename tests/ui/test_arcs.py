"""Relation arcs laid out like brat's: tiers above the line, labels apart, room kept so nothing crosses the text."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF

from annotator.model import AnnotatedDocument, Document, SourceFile
from annotator.store import Store
from annotator.ui.arc_layout import ArcEnd, ArcSpec, LineBox, layout_arcs, tiers_by_line

LINE = LineBox((0, 0), 100.0, 20.0, 620.0)
NEXT = LineBox((0, 1), 150.0, 20.0, 620.0)


def arc(a: float, b: float, width: float = 40.0, head_line: LineBox = LINE, tail_line: LineBox = LINE) -> ArcSpec:
    return ArcSpec(ArcEnd(head_line, a), ArcEnd(tail_line, b), width)


def test_arcs_apart_share_the_lowest_tier_and_overlapping_ones_stack():
    segments = layout_arcs([arc(50, 120), arc(300, 400), arc(90, 200)])
    tiers = {s.arc: s.tier for s in segments}
    assert tiers[0] == 0 and tiers[1] == 0
    assert tiers[2] == 1
    assert tiers_by_line(segments) == {(0, 0): 2}


def test_a_shorter_arc_inside_a_longer_one_sits_below_it():
    segments = layout_arcs([arc(50, 500), arc(200, 260)])
    tiers = {s.arc: s.tier for s in segments}
    assert tiers == {0: 1, 1: 0}


def test_two_labels_never_share_a_place_even_when_the_lines_do_not_overlap():
    # Short arcs side by side whose labels are wider than they are.
    segments = layout_arcs([arc(100, 110, width=80), arc(130, 140, width=80)])
    assert {s.tier for s in segments} == {0, 1}


def test_an_arc_between_two_lines_is_cut_in_two_halves_each_with_the_label():
    segments = layout_arcs([arc(500, 60, head_line=LINE, tail_line=NEXT)])
    head_half, tail_half = sorted(segments, key=lambda s: s.line.key)
    assert (head_half.x_from, head_half.x_to, head_half.arrow, head_half.starts_on_span) == (500, 620, False, True)
    assert (tail_half.x_from, tail_half.x_to, tail_half.arrow, tail_half.starts_on_span) == (20, 60, True, False)
    # a label near the edge stays inside the line
    assert head_half.label_x + head_half.label_width / 2 <= LINE.right


def test_arcs_meeting_one_span_stand_side_by_side():
    segments = layout_arcs([arc(300, 100), arc(300, 500)])
    legs = {s.arc: s.x_from for s in segments}
    assert legs[0] < legs[1]  # the arc going left leaves from the left


# --- on the real view ------------------------------------------------------------------------------

PARAGRAPH = (
    "浙江省嘉兴市嘉善县姚庄镇总工会主席张永明说，嘉兴市总工会和嘉善县总工会的专家团走进姚庄镇，"
    "为姚庄镇的企业职工讲解法律。杭州市总工会副主席李明也来到嘉善县，与嘉兴市总工会主席王芳一起座谈。"
)
ARTICLE = "\n".join([PARAGRAPH] * 4)


def spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return found


@pytest.fixture
def busy_project(db_path):
    """A long article with many entities, nested places, and relations across lines."""
    with Store(db_path, annotator="tester") as store:
        source = SourceFile(path="busy.txt", name="busy.txt", sha256="b" * 64, size=len(ARTICLE), format="text")
        source.documents.append(AnnotatedDocument(Document("busy", ARTICLE, title="busy")))
        store.documents.import_source(source)
        entities = {}
        for needle, label in [("姚庄镇总工会", "ORG"), ("嘉兴市总工会", "ORG"), ("嘉善县总工会", "ORG"),
                              ("杭州市总工会", "ORG"), ("张永明", "PER"), ("李明", "PER"), ("王芳", "PER"),
                              ("嘉兴市", "LOC"), ("嘉善县", "LOC"), ("主席", "TITLE"), ("副主席", "TITLE")]:
            for start, end in spans_of(ARTICLE, needle):
                entities.setdefault(label, []).append(store.annotations.add_entity("busy", start, end, label))
        pairs = [("PER", "ORG", "works_at"), ("PER", "TITLE", "has_title"), ("ORG", "LOC", "located_in")]
        for head_label, tail_label, name in pairs:
            for head, tail in itertools.product(entities[head_label], entities[tail_label]):
                if abs(head.start - tail.start) < 90:
                    store.annotations.add_relation(head.id, tail.id, name)
    return db_path


@pytest.fixture
def busy_window(busy_project, qtbot, qsettings_tmp):
    from annotator.ui.app import build_main_window

    win = build_main_window(busy_project, "tester", restore_settings=False)
    qtbot.addWidget(win)
    win.start(background=False)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def text_lines(view) -> list[QRectF]:
    """Every laid-out line's glyph box (document coordinates)."""
    boxes = []
    block = view.document().firstBlock()
    while block.isValid():
        layout = block.layout()
        origin = layout.position()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            boxes.append(QRectF(origin.x() + line.x(), origin.y() + line.y(), line.width(), line.ascent() + line.descent()))
        block = block.next()
    return boxes


def line_tops(view) -> list[float]:
    return [round(box.top(), 1) for box in text_lines(view)]


def test_arcs_keep_off_the_text_and_off_each_others_labels_whichever_entity_is_focused(busy_window):
    view, controller = busy_window.view, busy_window.controller
    view.resize(900, 700)
    view.set_point_size(15)
    heads = sorted({r.head_id for r in controller.state.relations} | {r.tail_id for r in controller.state.relations})
    assert len(controller.state.relations) >= 20
    tops = line_tops(view)
    checked = 0
    for entity_id in heads:
        span = controller.state.entity_span(entity_id)
        controller.set_focus(span.key)
        view.reveal(span.start, span.end)
        view.viewport().repaint()
        labels = [box for _, box in view.painter.drawn_arc_labels]
        tags = [box for _, box in view.painter.drawn_tags]
        assert labels, f"no arcs drawn for {span.text}"
        for a, b in itertools.combinations(labels, 2):
            assert not a.intersects(b), f"arc labels overlap for {span.text}: {a} {b}"
        scene = view._scene()
        for segment in scene.segments:
            top = view.painter._tier_y(segment) - view.painter.tier_height() / 2
            band = QRectF(segment.left, top, segment.right - segment.left, segment.line.top - 2 - top)
            for line in text_lines(view):
                assert not band.intersects(line), f"an arc of {span.text} crosses a line of text"
            for tag in tags:
                assert not band.intersects(tag), f"an arc of {span.text} crosses a label name"
        # the room follows the relations, not the focus: the text never moves
        assert line_tops(view) == tops
        checked += 1
    assert checked >= 10


def test_a_nested_entity_shows_its_label_name_without_being_focused(busy_window):
    view, controller = busy_window.view, busy_window.controller
    controller.set_focus(None)
    view.viewport().repaint()
    names = [text for text, _ in view.painter.drawn_tags]
    # 嘉兴市 (LOC) sits inside 嘉兴市总工会 (ORG): both names are drawn, on rows of their own
    assert "地点" in names and "机构" in names
    org = next(s for s in controller.state.spans if s.is_entity and s.text == "嘉兴市总工会")
    loc = next(s for s in controller.state.spans if s.is_entity and s.text == "嘉兴市" and s.start == org.start)
    org_box = next(box for text, box in view.painter.drawn_tags if text == "机构" and abs(box.left() - view._fragments(org)[0].left()) < 3)
    loc_box = next(box for text, box in view.painter.drawn_tags if text == "地点" and abs(box.left() - view._fragments(loc)[0].left()) < 3)
    assert loc_box.top() > org_box.bottom() - 1
    for (_, a), (_, b) in itertools.combinations(view.painter.drawn_tags, 2):
        assert not a.intersects(b)
