"""Teams end to end through the core API: assign with overlap, pack, annotate apart, merge, agree, adjudicate,
export gold; and every kind of bad package refused with the project left exactly as it was.

The two shared documents are annotated so the figures can be worked by hand:

    S1 "张三在北京开会了。" (9 characters): alice PER 0-2; bob PER 0-2 and LOC 3-5
    S2 "上海市今天下雨。"   (8 characters): alice LOC 0-2; bob LOC 0-3

- exact span F1: matched 1 (PER), alice 2 spans, bob 3 -> 2 * 1 / 5 = 0.4
- overlapping F1: matched 2 -> 4 / 5 = 0.8
- characters (alice, bob): (PER, PER) 2, (LOC, LOC) 2, (O, LOC) 3, (O, O) 10, 17 in all;
  p_o = 14/17, p_e = (2*2 + 2*5 + 13*10) / 289 = 144/289, Cohen's kappa = 94/145
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from annotator.agreement import compute
from annotator.agreement.load import from_files, from_store
from annotator.errors import InputError, SchemaError
from annotator.model import AnnotatedDocument, Document, Entity, SourceFile, Status
from annotator.project.exporting import export
from annotator.store import Store
from annotator.team import adjudication, packages
from annotator.team.assignment import assign, plan_assignment
from annotator.team.merging import merge

TEXTS = {
    "S1": "张三在北京开会了。",
    "S2": "上海市今天下雨。",
    "A1": "李四到杭州出差。",
    "B1": "王五在广州工作。",
}


def _source(name: str, docs: list[AnnotatedDocument]) -> SourceFile:
    return SourceFile(name, name, hashlib.sha256(name.encode()).hexdigest(), 1, "test", documents=docs)


def _lead(path: Path, texts: dict[str, str] = TEXTS) -> Path:
    with Store(path, annotator="lead") as store:
        docs = [AnnotatedDocument(Document(doc_id, text, title=doc_id)) for doc_id, text in texts.items()]
        # a pre-annotation the packages start from
        docs[2].entities.append(Entity("A1", 0, 2, "PER", "李四", annotator="importer"))
        store.documents.import_source(_source("pages.txt", docs))
    return path


def _tables(path: Path) -> dict[str, list]:
    """Every row of every table, to compare a project before and after."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        return {n: sorted(map(repr, conn.execute(f"SELECT * FROM \"{n}\""))) for n in names}
    finally:
        conn.close()


def _annotate(path: Path, who: str, spans: dict[str, list[tuple[int, int, str]]]) -> None:
    with Store(path, annotator=who) as store:
        for doc_id, items in spans.items():
            for start, end, label in items:
                store.annotations.add_entity(doc_id, start, end, label)
            store.documents.set_status(doc_id, Status.DONE)


@pytest.fixture
def round_trip(tmp_path: Path):
    lead = _lead(tmp_path / "lead.db")
    with Store(lead, annotator="lead") as store:
        store.assignments.assign({"S1": ["alice", "bob"], "S2": ["alice", "bob"], "A1": ["alice"], "B1": ["bob"]})
        packages.pack(store, "alice", tmp_path / "alice.annotator")
        packages.pack(store, "bob", tmp_path / "bob.annotator")
    _annotate(tmp_path / "alice.annotator", "alice", {"S1": [(0, 2, "PER")], "S2": [(0, 2, "LOC")], "A1": [(3, 5, "LOC")]})
    _annotate(tmp_path / "bob.annotator", "bob",
              {"S1": [(0, 2, "PER"), (3, 5, "LOC")], "S2": [(0, 3, "LOC")], "B1": [(0, 2, "PER")]})
    return tmp_path, lead


def test_assignment_is_balanced_with_the_overlap_asked_and_deterministic():
    ids = [f"d{i:03d}" for i in range(100)]
    plan = plan_assignment(ids, ["alice", "bob", "chen", "dana"], overlap=0.2)
    assert plan.shared == 20
    assert all(len(people) == (2 if len(people) > 1 else 1) for people in plan.documents.values())
    counts = plan.per_annotator()
    assert sum(counts.values()) == 120 and max(counts.values()) - min(counts.values()) <= 1
    assert plan.documents == plan_assignment(ids, ["dana", "chen", "bob", "alice"], overlap=0.2).documents
    assert plan.documents != plan_assignment(ids, ["alice", "bob", "chen", "dana"], overlap=0.2, seed="x").documents
    with pytest.raises(InputError, match="2 annotators"):
        plan_assignment(ids, ["alice"], overlap=0.2)


def test_assign_skips_documents_already_assigned(tmp_path: Path):
    with Store(_lead(tmp_path / "lead.db"), annotator="lead") as store:
        plan, _ = assign(store, ["alice", "bob"], overlap=0.5)
        assert len(plan.documents) == 4 and plan.shared == 2
        again, _ = assign(store, ["chen"], overlap=0.0)
        assert again.documents == {}
        assert store.assignments.counts()["alice"] == {"documents": 3, "shared": 2}


def test_a_package_is_a_project_file_for_one_annotator(round_trip):
    folder, lead = round_trip
    with Store(lead, annotator="lead") as store:
        project_id = store.settings.get("project.id")
        schema = store.schema.current
    with Store(folder / "bob.annotator", annotator="bob") as package:
        assert packages.package_annotator(package) == "bob"
        assert package.settings.get("project.id") == project_id
        assert package.schema.current == schema
        assert "Annotation guidelines" in (package.settings.get("guidelines") or "") or package.settings.get("guidelines")
        assert package.documents.ids() == ["S1", "S2", "B1"]
        assert package.check() == []


def test_opening_a_package_starts_on_the_first_unfinished_document(tmp_path: Path):
    lead = _lead(tmp_path / "lead.db")
    with Store(lead, annotator="lead") as store:
        store.assignments.assign({"S2": ["alice"], "A1": ["alice"]})
        packages.pack(store, "alice", tmp_path / "alice.annotator")
    with Store(tmp_path / "alice.annotator", annotator="alice") as package:
        assert package.documents.next_unfinished() == "S2"
        package.documents.set_status("S2", Status.DONE)
        assert package.documents.next_unfinished() == "A1"


def test_the_round_trip(round_trip, tmp_path: Path):
    folder, lead = round_trip
    with Store(folder / "alice.annotator", annotator="alice") as package:
        (made,) = [e for e in package.layers.get("A1").entities if e.made_by == "alice"]
    report = merge(lead, [folder / "alice.annotator", folder / "bob.annotator"], annotator="lead")
    outcomes = {outcome.annotator: outcome for _path, outcome in report.packages}
    assert (outcomes["alice"].versions_new, outcomes["alice"].adopted) == (3, 1)
    assert (outcomes["bob"].versions_new, outcomes["bob"].adopted) == (3, 1)
    assert report.pending_adjudication == 2

    with Store(lead, annotator="lead") as store:
        # both layers of a shared document are kept, per annotator
        versions = store.versions.of_document("S1")
        assert {name: [e.span for e in v.entities] for name, v in versions.items()} == {
            "alice": [(0, 2, "PER")], "bob": [(0, 2, "PER"), (3, 5, "LOC")],
        }
        # a document only alice did is gold at once, each entity with its maker and times
        gold = store.layers.get("A1")
        assert {(e.span, e.made_by) for e in gold.entities} == {((0, 2, "PER"), "importer"), ((3, 5, "LOC"), "alice")}
        (mine,) = [e for e in gold.entities if e.made_by == "alice"]
        assert (mine.created_at, mine.updated_at, mine.origin) == (made.created_at, made.updated_at, made.origin)
        assert store.documents.get("A1").status is Status.DONE
        assert adjudication.pending(store) == ["S1", "S2"]
        assert store.check() == []

        report_ = compute(from_store(store))
        (pair,) = report_.pairs
        assert (pair.first, pair.second, pair.documents) == ("alice", "bob", 2)
        assert pair.exact_f1 == pytest.approx(0.4)
        assert pair.overlap_f1 == pytest.approx(0.8)
        assert pair.cohen_kappa == pytest.approx(94 / 145)
        assert [d.doc_id for d in report_.documents] == ["S2", "S1"]

        # adjudicate: S1 takes the union (PER from alice, who comes first, LOC from bob), S2 alice's version
        versions_s1 = store.versions.of_document("S1")
        store.layers.replace(adjudication.take_union(versions_s1))
        adjudication.settle(store, "S1")
        store.layers.replace(adjudication.take_version(store.versions.of_document("S2"), "alice"))
        settlement = adjudication.settle(store, "S2")
        assert store.adjudications.get("S1").method == "union"
        assert store.adjudications.get("S2").method == "version:alice"
        assert adjudication.pending(store) == []
        # settling is undoable exactly
        adjudication.unsettle(store, settlement)
        assert adjudication.pending(store) == ["S2"]
        adjudication.resettle(store, settlement)
        assert adjudication.pending(store) == []

        out = tmp_path / "gold.jsonl"
        summary = export(store, "jsonl", str(out))
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert summary.documents == 4 and set(records) == set(TEXTS)
    spans = {doc_id: sorted((e["start"], e["end"], e["label"], e["annotator"]) for e in r["entities"])
             for doc_id, r in records.items()}
    assert spans["S1"] == [(0, 2, "PER", "alice"), (3, 5, "LOC", "bob")]
    assert spans["S2"] == [(0, 2, "LOC", "alice")]
    assert spans["B1"] == [(0, 2, "PER", "bob")]


def test_merging_the_same_packages_twice_changes_nothing(round_trip):
    folder, lead = round_trip
    merge(lead, [folder / "alice.annotator", folder / "bob.annotator"])
    before = _tables(lead)
    report = merge(lead, [folder / "alice.annotator", folder / "bob.annotator"])
    assert report.changed == 0
    assert all(outcome.unchanged == 3 for _p, outcome in report.packages)
    assert _tables(lead) == before


def test_a_newer_package_updates_the_version_and_reopens_adjudication(round_trip):
    folder, lead = round_trip
    merge(lead, [folder / "alice.annotator", folder / "bob.annotator"])
    with Store(lead, annotator="lead") as store:
        store.layers.replace(adjudication.take_union(store.versions.of_document("S2")))
        adjudication.settle(store, "S2")
        assert adjudication.pending(store) == ["S1"]
    with Store(folder / "alice.annotator", annotator="alice") as package:
        package.annotations.add_entity("S2", 3, 5, "DATE")
        package.annotations.add_entity("A1", 6, 7, "LOC")
    report = merge(lead, [folder / "alice.annotator"])
    (_path, outcome), = report.packages
    assert (outcome.versions_updated, outcome.unchanged, outcome.adopted) == (2, 1, 1)
    with Store(lead, annotator="lead") as store:
        assert adjudication.pending(store) == ["S1", "S2"]
        assert (6, 7, "LOC") in [e.span for e in store.layers.get("A1").entities]
        # the version it replaced is in the event log, whole
        (event,) = [e for e in store.events.find("S2", action="version.merge") if e.before]
        assert event.before["layer"]["entities"][0][1:4] == [0, 2, "LOC"]


def test_gold_edited_in_the_project_is_not_overwritten_by_a_later_package(round_trip):
    folder, lead = round_trip
    merge(lead, [folder / "alice.annotator"])
    with Store(lead, annotator="lead") as store:
        store.annotations.add_entity("A1", 5, 7, "ORG")
    with Store(folder / "alice.annotator", annotator="alice") as package:
        package.annotations.add_entity("A1", 6, 7, "LOC")
    (_path, outcome), = merge(lead, [folder / "alice.annotator"]).packages
    assert outcome.adopted == 0 and outcome.needs_adjudication == ["A1"]
    with Store(lead, annotator="lead") as store:
        assert (5, 7, "ORG") in [e.span for e in store.layers.get("A1").entities]


def test_merging_into_a_new_project_creates_it_from_the_packages(round_trip, tmp_path: Path):
    folder, _lead_path = round_trip
    new = tmp_path / "merged.db"
    report = merge(new, [folder / "alice.annotator", folder / "bob.annotator"])
    assert report.created and new.exists()
    with Store(new, annotator="lead") as store:
        assert sorted(store.documents.ids()) == sorted(TEXTS)
        assert adjudication.pending(store) == ["S1", "S2"] or sorted(adjudication.pending(store)) == ["S1", "S2"]


def test_agreement_can_be_measured_on_the_packages_before_merging(round_trip):
    folder, _lead_path = round_trip
    report = compute(from_files([folder / "alice.annotator", folder / "bob.annotator"]))
    assert report.pairs[0].exact_f1 == pytest.approx(0.4)


# --- bad packages ------------------------------------------------------------------------------


def _refused(lead: Path, packages_: list[Path], error, match: str) -> None:
    before = _tables(lead)
    with pytest.raises(error, match=match):
        merge(lead, packages_)
    assert _tables(lead) == before


def test_a_truncated_package_is_refused(round_trip):
    folder, lead = round_trip
    data = (folder / "bob.annotator").read_bytes()
    cut = folder / "cut.annotator"
    cut.write_bytes(data[: len(data) // 2])
    # a good package named with it is not merged either: all or nothing
    _refused(lead, [folder / "alice.annotator", cut], InputError, "truncated|damaged")


def test_a_package_with_a_damaged_page_is_refused(round_trip):
    folder, lead = round_trip
    data = bytearray((folder / "bob.annotator").read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for i in range(page * 2, page * 3):
        data[i] = 0xAB
    broken = folder / "broken.annotator"
    broken.write_bytes(bytes(data))
    _refused(lead, [broken], InputError, "damaged|not an Annotator")


def test_another_projects_package_is_refused(round_trip, tmp_path: Path):
    _folder, lead = round_trip
    other = _lead(tmp_path / "other.db")
    with Store(other, annotator="lead") as store:
        store.assignments.assign({"S1": ["alice"]})
        packages.pack(store, "alice", tmp_path / "other-alice.annotator")
    _refused(lead, [tmp_path / "other-alice.annotator"], InputError, "another project")


def test_a_package_with_a_conflicting_schema_is_refused(round_trip):
    folder, lead = round_trip
    with Store(folder / "bob.annotator", annotator="bob") as package:
        package.schema.rename_entity_label("PER", "PERSON")
    _refused(lead, [folder / "bob.annotator"], SchemaError, "PERSON")


def test_files_that_are_not_packages_are_refused(round_trip, tmp_path: Path):
    folder, lead = round_trip
    text = tmp_path / "notes.annotator"
    text.write_text("not a database", encoding="utf-8")
    _refused(lead, [text], InputError, "not an Annotator package")
    archive = tmp_path / "alice.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(folder / "alice.annotator", "../../alice.annotator")
    _refused(lead, [archive], InputError, "zip archive")
    _refused(lead, [lead.with_name("missing.annotator")], InputError, "no such file")
    # the lead's own project, or a copy of it, is not an annotator's package
    with Store(tmp_path / "copy.db", annotator="lead"):
        pass
    _refused(lead, [tmp_path / "copy.db"], InputError, "not an annotator's package|another project")


def test_a_package_from_a_newer_version_is_refused(round_trip):
    folder, lead = round_trip
    conn = sqlite3.connect(folder / "bob.annotator")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('annotator', '9999_future', 'x')")
    conn.commit()
    conn.close()
    _refused(lead, [folder / "bob.annotator"], InputError, "newer version")


def test_the_package_file_sent_back_is_never_changed(round_trip):
    folder, lead = round_trip
    before = (folder / "alice.annotator").read_bytes()
    merge(lead, [folder / "alice.annotator"])
    assert (folder / "alice.annotator").read_bytes() == before


def test_segmentation_edits_refuse_documents_in_team_work(round_trip):
    _folder, lead = round_trip
    with Store(lead, annotator="lead") as store, pytest.raises(InputError, match="assigned"):
        store.segmentation.split("S1", 4)


# --- every package at once (annotator pack --all, and the assign dialog's Write packages) -------


def test_pack_all_writes_one_package_per_assigned_annotator(tmp_path: Path):
    lead = _lead(tmp_path / "lead.db")
    out = tmp_path / "out"
    out.mkdir()
    seen: list[tuple[int, int, str]] = []
    with Store(lead, annotator="lead") as store:
        store.assignments.assign({"S1": ["alice", "bob"], "S2": ["alice"], "B1": ["bob"]})
        reports = packages.pack_all(store, out, progress=lambda done, total, who: seen.append((done, total, who)))
    assert sorted(p.name for p in out.iterdir()) == ["alice.annotator", "bob.annotator"]
    assert {(r.annotator, r.documents) for r in reports} == {("alice", 2), ("bob", 2)}
    with Store(out / "bob.annotator", annotator="bob") as package:
        assert packages.package_annotator(package) == "bob"
        assert sorted(package.documents.ids()) == ["B1", "S1"]
    # progress counts the documents over both packages, in order, to the end
    assert seen[-1] == (4, 4, "bob") and [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)


def test_pack_all_checks_everything_before_writing_anything(tmp_path: Path):
    lead = _lead(tmp_path / "lead.db")
    out = tmp_path / "out"
    out.mkdir()
    (out / "bob.annotator").write_bytes(b"someone else's file")
    with Store(lead, annotator="lead") as store:
        with pytest.raises(InputError, match="no documents are assigned"):
            packages.pack_all(store, out)
        store.assignments.assign({"S1": ["alice"], "B1": ["bob"]})
        with pytest.raises(InputError, match=r"bob\.annotator already exists.*--force"):
            packages.pack_all(store, out)
        assert sorted(p.name for p in out.iterdir()) == ["bob.annotator"]  # alice's was not written either
        assert (out / "bob.annotator").read_bytes() == b"someone else's file"
        with pytest.raises(InputError, match="no such folder"):
            packages.pack_all(store, tmp_path / "missing")
        with pytest.raises(InputError, match="is a file"):
            packages.pack_all(store, out / "bob.annotator")
        packages.pack_all(store, out, overwrite=True)
    with Store(out / "bob.annotator", annotator="bob") as package:
        assert package.documents.ids() == ["B1"]


def test_annotator_names_become_file_names_every_system_accepts(tmp_path: Path):
    assert packages.package_file_name("王小明") == "王小明.annotator"
    assert packages.package_file_name("li/wang") == "li_wang.annotator"
    assert packages.package_file_name('a:b*c?"d<e>f|g\\h') == "a_b_c__d_e_f_g_h.annotator"
    assert packages.package_file_name("CON") == "CON_.annotator"
    assert packages.package_file_name(" .. ") == "annotator.annotator"
    lead = _lead(tmp_path / "lead.db")
    with Store(lead, annotator="lead") as store:
        store.assignments.assign({"S1": ["Wang"], "B1": ["wang"]})
        with pytest.raises(InputError, match="'Wang' and 'wang' would both be written to wang.annotator"):
            packages.pack_all(store, tmp_path)


def test_the_command_line_assigns_and_packs_everyone(tmp_path: Path, capsys):
    from annotator.cli.main import main

    lead = _lead(tmp_path / "lead.db")
    out = tmp_path / "packages"  # made by pack --all
    assert main(["assign", "--db", str(lead), "--to", "alice", "--to", "bob"]) == 0
    assert main(["pack", "--db", str(lead), "--all", "-o", str(out)]) == 0
    said = capsys.readouterr().err  # summaries go to stderr; stdout stays for data
    assert "alice opens it with: annotator --db alice.annotator" in said
    assert sorted(p.name for p in out.iterdir()) == ["alice.annotator", "bob.annotator"]
    # again without --force: refused, naming the files, and nothing changes
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["pack", "--db", str(lead), "--all", "-o", str(out)]) != 0
    assert "alice.annotator, bob.annotator already exist" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # one of --annotator and --all is required
    with pytest.raises(SystemExit):
        main(["pack", "--db", str(lead), "-o", str(out)])
