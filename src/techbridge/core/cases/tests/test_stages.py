from techbridge.core.cases.stages import CaseFacts, Stage, allowed_targets, check_transition

BOTH = frozenset({"a", "b"})


def codes(problems):
    return [p.code for p in problems]


def test_it_allows_the_next_stage_when_its_facts_are_present():
    assert check_transition("consultation", "evaluation", CaseFacts(profiles=1)) == []


def test_it_rejects_a_jump_that_skips_a_stage():
    problems = check_transition("consultation", "agreement", CaseFacts(profiles=1, sides_named=BOTH))
    assert codes(problems) == ["skip"]
    assert problems[0].field == "stage"
    assert "consultation" in problems[0].message and "evaluation" in problems[0].message


def test_it_rejects_an_agreement_without_the_parties_named():
    problems = check_transition("negotiation", "agreement", CaseFacts(profiles=1, signed_agreement=True))
    assert codes(problems) == ["parties"]
    assert problems[0].field == "parties"


def test_it_rejects_an_agreement_without_a_signed_record():
    problems = check_transition("negotiation", "agreement", CaseFacts(sides_named=BOTH))
    assert codes(problems) == ["no_agreement"]


def test_docking_needs_an_evaluation_decision():
    assert codes(check_transition("evaluation", "docking", CaseFacts(profiles=1))) == ["no_decision"]


def test_closing_needs_a_reason_from_the_list():
    assert codes(check_transition("docking", "closed", CaseFacts(close_reason="bored"))) == ["close_reason"]
    assert check_transition("docking", "closed", CaseFacts(close_reason="funding")) == []


def test_a_signed_case_cannot_be_closed_without_agreement():
    assert codes(check_transition("agreement", "closed", CaseFacts(close_reason="funding"))) == ["skip"]


def test_stepping_back_one_stage_needs_no_facts():
    assert check_transition("negotiation", "docking", CaseFacts()) == []


def test_closed_is_terminal_and_unknown_stages_are_named():
    assert allowed_targets(Stage.CLOSED) == ()
    assert codes(check_transition("closed", "tracking", CaseFacts())) == ["skip"]
    assert codes(check_transition("docking", "party", CaseFacts())) == ["unknown_stage"]
    assert codes(check_transition("docking", "docking", CaseFacts())) == ["same_stage"]


def test_the_allowed_targets_are_next_back_and_close():
    assert allowed_targets("docking") == (Stage.NEGOTIATION, Stage.EVALUATION, Stage.CLOSED)
    assert allowed_targets("consultation") == (Stage.EVALUATION, Stage.CLOSED)
    assert allowed_targets("tracking") == ()
