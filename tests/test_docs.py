"""The README documents everything a user can reach: commands, formats, exit codes, JSONL fields."""

from __future__ import annotations

import re
from pathlib import Path

from annotator import formats
from annotator.cli.main import build_parser
from annotator.errors import AnnotatorError, DatabaseError, InputError, NotFoundError, VerificationError
from annotator.formats.native_jsonl import document_record
from annotator.model import AnnotatedDocument, Candidate, Document, Entity, Provenance, Relation

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_test_one_verbatim():
    quick_start = readme_section("Quick start")
    commands = re.findall(r"```\n(.*?)\n```", quick_start, re.S)
    assert len(commands) == 2, commands
    install_and_open, install_and_test = commands
    assert "pip install" in install_and_open and "annotator" in install_and_open
    assert "pytest" in install_and_test
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def test_every_command_is_documented():
    section = readme_section("The command line")
    commands = build_parser()._subparsers._group_actions[0].choices
    for command in commands:
        assert f"`annotator {command}" in section, f"README does not document 'annotator {command}'"
    for flag in ("--smoke", "--version", "--db"):
        assert flag in section


def test_every_exit_code_is_documented():
    section = readme_section("The command line")
    codes = {AnnotatorError.exit_code, InputError.exit_code, DatabaseError.exit_code,
             VerificationError.exit_code, NotFoundError.exit_code, 2, 7, 130}
    for code in codes:
        assert f"`{code}`" in section, f"exit code {code} is not documented"


def test_every_export_format_is_documented():
    for name in formats.WRITERS:
        assert f"`{name}`" in README, f"export format '{name}' is not documented in README.md"


def test_every_native_jsonl_field_is_documented():
    bundle = AnnotatedDocument(
        Document("d", "张萍在北京", "t", raw_text="张萍在北京", meta={"x": 1},
                 provenance=Provenance("f.txt", pieces=[]), status_reason="r"),
        entities=[Entity("d", 0, 2, "PER", "张萍", id=1), Entity("d", 3, 5, "LOC", "北京", id=2)],
        relations=[Relation("d", "located_in", 1, 2, id=1)],
        candidates=[Candidate("d", 0, 2, "PER", "张萍", "rule", 0.5)],
        doc_labels={"topic": "其他"},
        time_spent={"a": 1.0},
    )
    record = document_record(bundle, include_candidates=True)
    fields = readme_section("The JSONL format")
    documented = set(re.findall(r"^\| `([a-z_]+)`", fields, re.M)) | {
        name for row in re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \|", fields, re.M)
        for name in re.findall(r"`([a-z_]+)`", row)
    }
    for key in record:
        if key == "raw_text":
            continue  # only written when normalisation changed the text; documented below
        assert key in documented, f"JSONL field '{key}' is not documented"
    assert "`raw_text`" in fields
