import json

import pytest

from techbridge.cli import main
from techbridge.core.matching import LineError, MatchDocument, parse_lines


def test_it_reports_each_malformed_line_with_its_number_and_goes_on():
    lines = [
        '{"id": "a", "text": "x"}',
        "not json",
        "",
        '{"text": "no id"}',
        "[1, 2]",
        '{"id": "b", "keywords": 5}',
        '{"id": "a", "text": "again"}',
        '{"id": 7, "text": "ok", "kind": "gift"}',
        '{"id": "c", "text": "fine", "keywords": ["k1", "k2"]}',
    ]
    out = list(parse_lines(lines))
    errors = {item.line: item.message for item in out if isinstance(item, LineError)}
    assert set(errors) == {2, 4, 5, 6, 7, 8}
    assert "not valid JSON" in errors[2] and "missing field 'id'" in errors[4]
    assert (
        "JSON object" in errors[5]
        and "keywords" in errors[6]
        and "duplicate id" in errors[7]
        and "kind" in errors[8]
    )
    docs = [item for item in out if isinstance(item, MatchDocument)]
    assert [d.id for d in docs] == ["a", "c"] and docs[1].keywords == ("k1", "k2")


def test_an_oversized_line_is_an_error():
    (error,) = parse_lines(['{"id": "a", "text": "' + "x" * 50 + '"}'], max_chars=20)
    assert isinstance(error, LineError) and "limit 20" in str(error)


@pytest.fixture
def files(tmp_path, monkeypatch, analyzer):
    monkeypatch.setattr("techbridge.core.matching.index.default_analyzer", lambda: analyzer)
    monkeypatch.setattr("techbridge.core.matching.index.default_detector", lambda: lambda text: "en")
    docs = tmp_path / "d.jsonl"
    docs.write_text(
        '{"id": "o1", "title": "Battery recycling", "text": "lithium recovery", "kind": "offer"}\n'
        "{broken\n"
        '{"id": "o2", "title": "Solar robot", "text": "panel cleaning", "kind": "offer"}\n'
    )
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"id": "q1", "text": "battery lithium", "kind": "request"}\n{"id": "q2", "text": " "}\n'
    )
    return docs, queries


def test_the_match_command_prints_one_line_per_query_and_skips_bad_lines(files, capsys):
    docs, queries = files
    assert main(["match", "--documents", str(docs), "--queries", str(queries), "--top", "2"]) == 0
    captured = capsys.readouterr()
    first, second = (json.loads(line) for line in captured.out.splitlines())
    assert first["query"] == "q1" and first["results"][0]["id"] == "o1"
    assert 0 <= first["results"][0]["score"] <= 100 and first["results"][0]["why"]["terms"]
    assert second == {
        "query": "q2",
        "results": [],
        "error": "query q2: no text in title, keywords, summary or text",
    }
    assert "d.jsonl line 2: not valid JSON" in captured.err


def test_the_match_command_stops_at_the_first_bad_line_when_asked(files, capsys):
    docs, queries = files
    assert main(["match", "--documents", str(docs), "--queries", str(queries), "--on-error", "stop"]) == 2
    assert "d.jsonl line 2" in capsys.readouterr().err


def test_the_match_command_names_a_missing_file(tmp_path, capsys):
    assert main(["match", "--documents", str(tmp_path / "none.jsonl"), "--queries", str(tmp_path / "q")]) == 2
    assert "none.jsonl: no such file" in capsys.readouterr().err


def test_a_document_without_text_is_reported_and_skipped_not_a_crash(files, capsys):
    """Before, an empty document was indexed and then asked as a query by the hubness sample: a traceback."""
    docs, queries = files
    docs.write_text(docs.read_text() + '{"id": "o3", "text": "", "title": " "}\n')
    assert main(["match", "--documents", str(docs), "--queries", str(queries), "--top", "5"]) == 0
    captured = capsys.readouterr()
    first = json.loads(captured.out.splitlines()[0])
    assert [r["id"] for r in first["results"]] == ["o1"]
    assert "d.jsonl document o3: no text in title, keywords, summary or text (skipped)" in captured.err
    docs.write_text('{"id": "o3", "text": ""}\n{"id": "o1", "title": "Battery recycling"}\n')
    assert main(["match", "--documents", str(docs), "--queries", str(queries), "--on-error", "stop"]) == 2
    assert "d.jsonl document o3: no text in title, keywords, summary or text" in capsys.readouterr().err


def test_a_byte_order_mark_is_read_and_a_folder_is_named(files, tmp_path, capsys):
    docs, queries = files
    docs.write_bytes(b"\xef\xbb\xbf" + docs.read_bytes())  # as Windows editors save UTF-8
    assert main(["match", "--documents", str(docs), "--queries", str(queries), "--top", "1"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out.splitlines()[0])["results"][0]["id"] == "o1"
    assert "line 1" not in captured.err
    assert main(["match", "--documents", str(tmp_path), "--queries", str(queries)]) == 2
    assert f"{tmp_path}: a folder, not a JSONL file" in capsys.readouterr().err


def test_the_why_of_each_term_names_the_words_on_both_sides(tmp_path, monkeypatch, capsys):
    """A pivot term alone ("storag") does not tell a reader which words met; the platform shows 储能 ↔ storage."""
    from techbridge.core.text.analysis import Analyzer
    from techbridge.core.text.lexicon import SEP

    analyzer = Analyzer(lexicons={"zh": {"储能": "energy storage", "电池": "battery" + SEP + "cell"}})
    monkeypatch.setattr("techbridge.core.matching.index.default_analyzer", lambda: analyzer.analyze)
    docs, queries = tmp_path / "d.jsonl", tmp_path / "q.jsonl"
    docs.write_text(
        '{"id": "o1", "title": "Magazyn energii", "lang": "pl", "translations": [["en", "Battery storage", ""]]}\n'
        '{"id": "o2", "title": "Solar robot", "lang": "en"}\n',
        encoding="utf-8",
    )
    queries.write_text('{"id": "q1", "text": "储能电池", "lang": "zh"}\n', encoding="utf-8")
    assert main(["match", "--documents", str(docs), "--queries", str(queries), "--top", "1"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["results"]
    words = {t["term"]: (t.get("query_word"), t.get("match_word")) for t in result["why"]["terms"]}
    assert result["id"] == "o1"
    # energii (Polish, no lexicon here) keeps its own stem and meets energy as a cognate
    assert words == {
        "storag": ("储能", "storage"),
        "batteri": ("电池", "battery"),
        "energi": ("储能", "energii"),
    }
