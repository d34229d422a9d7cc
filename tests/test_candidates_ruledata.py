"""The rule files: bundled, extended by the user's own, and clear errors when they are wrong."""

from __future__ import annotations

import pytest

from annotator.candidates import reload_rules, suggest
from annotator.candidates.ruledata import load_table, user_dir
from annotator.errors import InputError


@pytest.fixture
def user_rules():
    """Write rule files into the user's folder; the bundled rules are back afterwards."""
    folder = user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []

    def write(name: str, content: str):
        path = folder / f"{name}.toml"
        path.write_text(content, encoding="utf-8")
        written.append(path)
        return path

    yield write
    for path in written:
        path.unlink(missing_ok=True)
    reload_rules()


def test_every_bundled_rule_file_loads():
    rules = reload_rules()
    assert rules.titles.heads and rules.organisations.suffixes and rules.places.known


def test_a_user_file_adds_to_the_bundled_lists(user_rules):
    sentence = "星火社团负责人说，本周举行活动。"
    assert not any(s.label == "TITLE" for s in suggest(sentence))
    user_rules("titles", 'heads = ["负责人"]\n')
    reload_rules()
    assert ("负责人", "TITLE") in {(s.text, s.label) for s in suggest(sentence)}
    assert "主席" in load_table("titles").strings("heads")  # the bundled ones are still there


def test_a_user_file_with_replace_replaces_the_bundled_one(user_rules):
    user_rules("works", 'replace = true\nbrackets = [["《", "》"]]\nlaws = []\n')
    reload_rules()
    assert [s.text for s in suggest("学习劳动合同法和《职工手册》。") if s.label == "WORK"] == ["职工手册"]


def test_user_patterns_are_added_to_the_bundled_ones(user_rules):
    user_rules("dates", '[[patterns]]\nregex = "${digit}{1,2}点${digit}{1,2}分"\nscore = 0.9\n')
    reload_rules()
    assert "8点30分" in {s.text for s in suggest("2021年5月1日8点30分，会议开始。") if s.label == "DATE"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("titles", "heads = [\n", "titles.toml: not valid TOML"),
        ("titles", 'heads = "主席"\n', "'heads' must be a list of non-empty strings"),
        ("titles", 'hedas = ["主席"]\n', "unknown setting(s) hedas"),
        ("titles", "score = 3\n", "'score' must be a number from 0 to 1"),
        ("dates", '[[patterns]]\nregex = "(${digit}"\n', "the regex does not compile"),
        ("dates", '[[patterns]]\nregex = "${nothing}年"\n', "unknown fragment ${nothing}"),
        ("pos", '[[tags]]\ntag = "nr"\nlabel = "PER"\nscore = "high"\n', "'score' must be a number"),
    ],
)
def test_mistakes_in_a_rule_file_name_the_file_and_the_setting(user_rules, name, content, message):
    path = user_rules(name, content)
    with pytest.raises(InputError) as error:
        reload_rules()
    assert message in str(error.value)
    assert str(path) in str(error.value)
