from types import SimpleNamespace

from techbridge.web.templatetags.techbridge import options


def test_options_mark_the_chosen_value_and_escape_the_labels():
    html = options([("offer", "Offer"), ("rnd", "R&D <partner>")], "rnd")
    assert (
        html
        == '<option value="offer">Offer</option><option value="rnd" selected>R&amp;D &lt;partner&gt;</option>'
    )


def test_options_compare_numbers_as_the_query_string_gives_them():
    assert options([(i, i) for i in range(1, 4)], "2") == (
        '<option value="1">1</option><option value="2" selected>2</option><option value="3">3</option>'
    )


def test_options_of_objects_use_code_and_label_or_name_and_indent_children():
    terms = [SimpleNamespace(code="energy", label="Energy", parent_id=None),
             SimpleNamespace(code="energy.pv", label="Solar", parent_id=1)]  # fmt: skip
    assert options(terms, "", "parent_id") == (
        '<option value="energy">Energy</option><option value="energy.pv">&nbsp;&nbsp;Solar</option>'
    )
    assert (
        options([SimpleNamespace(code="PL", name="Poland")], "PL")
        == '<option value="PL" selected>Poland</option>'
    )
