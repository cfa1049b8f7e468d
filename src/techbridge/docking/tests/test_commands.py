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
