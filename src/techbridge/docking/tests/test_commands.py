"""`techbridge lexicon add|remove` re-index the platform with the new lexicons; `techbridge reindex`."""

from __future__ import annotations

from techbridge.cli import main
from techbridge.docking import engine, matches
from techbridge.docking.tests.test_glossary import tanks  # noqa: F401  (fixture)


def _polish_found(world) -> bool:
    return any(
        i.obj.reference == world["polish"].reference for i in matches.matches_for_profile(world["request"])
    )


def test_adding_a_lexicon_reindexes_so_a_polish_offer_matches_an_english_request(tanks, tmp_path, capsys):  # noqa: F811
    lexicon = tmp_path / "pol-eng.clitest.tsv"
    lexicon.write_text("zbiornik\ttank\nkriogeniczny\tcryogenic\nwodór\thydrogen\n", encoding="utf-8")
    engine.get_index("profiles")
    assert not _polish_found(tanks)
    try:
        assert main(["lexicon", "add", str(lexicon)]) == 0
        out = capsys.readouterr().out
        assert "added pl/clitest: 3 words" in out and "re-indexed 4 published profiles" in out
        assert "with the new lexicons" in out
        assert _polish_found(tanks)
        assert engine.saved_text_state("profiles") == engine.text_state()
    finally:
        assert main(["lexicon", "remove", "pl", "--source", "clitest"]) == 0
    assert "removed pl/clitest" in capsys.readouterr().out
    assert not _polish_found(tanks)  # removed again, and re-indexed without it


def test_no_reindex_says_what_to_run_later(tmp_path, capsys, db):
    lexicon = tmp_path / "pol-eng.clitest2.tsv"
    lexicon.write_text("zbiornik\ttank\n", encoding="utf-8")
    try:
        assert main(["lexicon", "add", str(lexicon), "--no-reindex"]) == 0
        assert "run `techbridge reindex`" in capsys.readouterr().out
    finally:
        main(["lexicon", "remove", "pl", "--source", "clitest2", "--no-reindex"])


def test_reindex_rebuilds_both_indexes(tanks, capsys):  # noqa: F811
    assert main(["reindex"]) == 0
    out = capsys.readouterr().out
    assert "re-indexed 4 published profiles and 0 people in" in out


def test_a_folder_of_lexicons_is_added_file_by_file_and_reindexed_once(tmp_path, capsys, db):
    (tmp_path / "pol-eng.clifolder.tsv").write_text("zbiornik\ttank\n", encoding="utf-8")
    (tmp_path / "ces-eng.clifolder.tsv").write_text("nádrž\ttank\nvodík\thydrogen\n", encoding="utf-8")
    (tmp_path / "xyz-eng.clifolder.tsv").write_text("foo\tbar\n", encoding="utf-8")  # no such language
    (tmp_path / "PROVENANCE.md").write_text("# not a lexicon\n", encoding="utf-8")
    try:
        assert main(["lexicon", "add", str(tmp_path)]) == 1  # one file could not be added
        captured = capsys.readouterr()
        assert "added cs/clifolder: 2 words" in captured.out and "added pl/clifolder: 1 words" in captured.out
        assert captured.out.count("re-indexed") == 1
        assert "not added: unknown language 'xyz'" in captured.err
    finally:
        main(["lexicon", "remove", "pl", "--source", "clifolder", "--no-reindex"])
        main(["lexicon", "remove", "cs", "--source", "clifolder", "--no-reindex"])
    capsys.readouterr()
    assert main(["lexicon", "add", str(tmp_path), "--lang", "pl"]) == 2
    assert "--lang and --source name the language and source of one file" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["lexicon", "add", str(empty)]) == 2
    assert "a folder without lexicon files named like pol-eng.wikt.tsv" in capsys.readouterr().err
