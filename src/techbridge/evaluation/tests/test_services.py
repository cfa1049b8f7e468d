"""Frameworks: creation from specs and files, the preset, and the tree editor's all-or-nothing edits."""

import pytest
from django.core.exceptions import ValidationError

from techbridge.evaluation import services
from techbridge.evaluation.models import Dataset, Framework
from techbridge.evaluation.tests.factories import csv_file, tiny_spec

pytestmark = pytest.mark.django_db


def _with(nodes_change):
    spec = tiny_spec()
    nodes_change(spec["framework"])
    return spec


def test_it_creates_a_framework_named_after_its_spec(world):
    fw = services.framework_create(by=world["users"]["analyst"], spec=tiny_spec())
    assert fw.name == "Tiny" and fw.created_by == world["users"]["analyst"]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda f: f["aggregates"].append({"code": "Sub", "parent": "Sub"}), "'Sub'"),
        (lambda f: f["indicators"][0].update(parent="Nowhere"), "unknown parent 'Nowhere'"),
        (lambda f: [i.update(weight=0) for i in f["indicators"]], "aggregate 'Index'"),
        (lambda f: f["indicators"][1].update(weight="heavy"), "indicator 'y'"),
    ],
    ids=["cycle", "unknown-parent", "zero-weight", "bad-number"],
)
def test_it_rejects_a_bad_framework_naming_the_element(world, change, named):
    with pytest.raises(ValidationError) as exc:
        services.framework_create(by=None, spec=_with(change))
    assert named in " ".join(exc.value.messages)
    assert not Framework.objects.exists()


def test_it_reads_a_bare_framework_from_yaml_and_rejects_broken_yaml(world):
    fw = services.framework_upload(
        by=None, upload=csv_file("name: Bare\nindicators:\n  - {code: a}\n", "f.yaml")
    )
    assert fw.spec["framework"]["indicators"] == [{"code": "a"}]
    with pytest.raises(ValidationError, match="not valid YAML"):
        services.framework_upload(by=None, upload=csv_file("framework: [unclosed", "g.yaml"))
    with pytest.raises(ValidationError, match="not valid YAML or JSON"):
        services.framework_upload(by=None, upload=csv_file("{nope", "g.json"))


def test_the_preset_comes_with_illustrative_data_for_its_fifteen_cities(world):
    fw = services.preset_load(by=world["users"]["analyst"])
    ds = Dataset.objects.get(framework=fw)
    assert fw.is_preset and fw.illustrative and ds.illustrative and ds.source == "preset"
    assert len(ds.rows) == 15 and ds.rows[0]["city"] == "Ningbo" and ds.rows[0]["flights"] == 5.0
    assert len(fw.spec["units"]) == 15


def test_the_tree_editor_adds_renames_reweights_and_moves_nodes(world):
    fw = services.framework_create(by=None, spec=tiny_spec())
    services.node_add(
        framework=fw,
        by=None,
        kind="aggregate",
        values={"code": "Sub", "parent": "Index", "weight": "2", "children": ["y"]},
    )
    services.node_update(framework=fw, by=None, code="y", values={"name": "Late days", "direction": "1"})
    fw.refresh_from_db()
    y = fw.spec["framework"]["indicators"][1]
    assert y == {"code": "y", "name": "Late days", "parent": "Sub", "weight": 1, "direction": 1}
    assert fw.spec["framework"]["aggregates"][1] == {"code": "Sub", "parent": "Index", "weight": 2.0}


def test_a_move_that_makes_a_cycle_is_refused_and_nothing_changes(world):
    fw = services.framework_create(by=None, spec=tiny_spec())
    services.node_add(
        framework=fw, by=None, kind="aggregate", values={"code": "Sub", "parent": "Index", "children": ["y"]}
    )
    before = Framework.objects.get(pk=fw.pk).spec
    with pytest.raises(ValidationError, match="cycle"):
        services.node_update(framework=fw, by=None, code="Index", values={"parent": "Sub"})
    with pytest.raises(ValidationError, match="'x': weight must be a number"):
        services.node_update(framework=fw, by=None, code="x", values={"weight": "lots"})
    assert Framework.objects.get(pk=fw.pk).spec == before


def test_it_refuses_to_delete_an_aggregate_with_children_or_to_reuse_a_code(world):
    fw = services.framework_create(by=None, spec=tiny_spec())
    with pytest.raises(ValidationError, match="'Empty': an aggregate needs children"):
        services.node_add(framework=fw, by=None, kind="aggregate", values={"code": "Empty"})
    with pytest.raises(ValidationError, match="still has children"):
        services.node_delete(framework=fw, by=None, code="Index")
    with pytest.raises(ValidationError, match="already used"):
        services.node_add(framework=fw, by=None, kind="indicator", values={"code": "x", "parent": "Index"})
    services.node_delete(framework=fw, by=None, code="y")
    assert [n["code"] for n in Framework.objects.get(pk=fw.pk).spec["framework"]["indicators"]] == ["x"]


def test_a_new_framework_starts_as_a_valid_minimal_tree(world):
    fw = services.framework_new(by=None, name="Ports")
    assert services.spec_check(fw.spec).framework.indicators == ["indicator_1"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [({"meta": ["x"]}, "meta: expected a mapping"), ({"units": [1, 2]}, "units: expected a list")],
)
def test_it_rejects_malformed_meta_and_units(world, extra, message):
    with pytest.raises(ValidationError, match=message):
        services.framework_create(by=None, spec={**tiny_spec(), **extra})


def test_yaml_aliases_are_refused_so_a_tiny_file_cannot_expand_to_gigabytes(world):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b]\n"
    with pytest.raises(ValidationError, match="aliases"):
        services.framework_upload(by=None, upload=csv_file(bomb, "bomb.yaml"))


def test_method_choices_change_only_what_was_asked_and_are_validated(world):
    spec = tiny_spec(treat={"method": "winsorise", "skew": 1.5})
    fw = services.framework_create(by=None, spec=spec)
    services.method_update(
        framework=fw,
        by=None,
        values={
            "treat": "none",
            "normalise": "prank",
            "low": 1,
            "high": 100,
            "aggregate": "geometric",
            "threshold": 0.5,
        },
    )
    method = Framework.objects.get(pk=fw.pk).spec["method"]
    assert method["treat"] == {"method": "none", "skew": 1.5}
    assert method["normalise"] == {"method": "prank", "low": 1.0, "high": 100.0}
    assert method["aggregate"] == {"method": "geometric", "threshold": 0.5}
    with pytest.raises(ValidationError, match="group column"):
        services.method_update(framework=fw, by=None, values={"impute": "group_mean"})
    with pytest.raises(ValidationError, match="normalise: unknown method 'magic'"):
        services.method_update(framework=fw, by=None, values={"normalise": "magic"})
