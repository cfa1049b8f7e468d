import pytest

from techbridge.core.scheduling.dzn import DznError, parse_dzn, read_dzn

SMALL = """nBusiness = 3;
nMeetings = 2;
nTables = 1;
nTotalSlots = 3;
nMorningSlots = 2;

requested = [|1, 2,1,
|3, 1,3,
|];
meetingsxBusiness = [{1,2,3},{1,2},{1,3}];
nMeetingsBusiness = [2,1,1];
forbidden = [{0},{3},{0}];
fixed = [0,3];
precedences = [{2},{}];
"""


def test_it_parses_scalars_matrices_and_set_arrays():
    data = parse_dzn(SMALL)
    assert data["nBusiness"] == 3
    assert data["requested"] == [[1, 2, 1], [3, 1, 3]]
    assert data["forbidden"] == [[0], [3], [0]]
    assert data["precedences"] == [[2], []]


def test_it_maps_sessions_forbidden_fixed_and_precedences_to_zero_based_slots(tmp_path):
    path = tmp_path / "small.dzn"
    path.write_text(SMALL)
    model = read_dzn(path)
    m1, m2 = model.requests
    assert m1.participants == ("1", "2") and m1.allowed_slots == frozenset({0, 1})  # morning only
    assert m2.allowed_slots is None and m2.fixed_slot == 2
    assert model.participant_by_id["2"].unavailable == frozenset({2})
    assert [(p.before, p.after) for p in model.precedences] == [("1", "2")]  # precedences[m]: after m
    assert [(p.before, p.after) for p in read_dzn(path, precedence="before").precedences] == [("2", "1")]
    assert model.require_all and model.fairness_spread == 2


def test_it_names_the_field_of_an_inconsistent_instance(tmp_path):
    path = tmp_path / "bad.dzn"
    path.write_text(SMALL.replace("fixed = [0,3];", "fixed = [0];"))
    with pytest.raises(DznError, match="bad.dzn: fixed has 1 entries, nMeetings = 2"):
        read_dzn(path)


def test_it_reads_a_real_instance(shared_data):
    model = read_dzn(shared_data / "b2b-meetings" / "tic-12.original.dzn")
    assert (len(model.participants), len(model.requests), len(model.tables), len(model.slots)) == (
        42,
        125,
        21,
        8,
    )
    n_meetings = [
        8,
        6,
        8,
        8,
        8,
        8,
        2,
        6,
        8,
        8,
        8,
        6,
        2,
        8,
        8,
        2,
        7,
        8,
        2,
        4,
        6,
        7,
        3,
        7,
        8,
        8,
        8,
        8,
        3,
        8,
        2,
        4,
        8,
        6,
        8,
        8,
        0,
        1,
        6,
        0,
        8,
        8,
    ]  # nMeetingsBusiness of the file
    assert [len(model.requests_of[str(b + 1)]) for b in range(42)] == n_meetings
    assert model.requests[0].participants == ("1", "8")
