"""Writes of the evaluation area: frameworks (upload, preset, tree editing) and their validation.

Every change builds a new spec, validates it with the core (:class:`IndexSpec`) and only then saves, so a
bad edit (cycle, unknown parent, zero total weight) leaves the stored framework untouched.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.core.indicators import IndexSpec, IndicatorError
from techbridge.evaluation.models import Dataset, DatasetSource, Framework

PRESETS = Path(__file__).resolve().parents[1] / "core" / "indicators" / "presets"
PRESET_SPEC = PRESETS / "cass_17plus1.yaml"
PRESET_DATA = PRESETS / "cass_17plus1_illustrative.csv"
MAX_SPEC_BYTES = 1024 * 1024
NODE_FIELDS = ("code", "name", "name_zh", "parent", "weight", "direction", "unit", "denominator", "target")


def spec_check(spec: Any) -> IndexSpec:
    """The core's parsed spec, or a ValidationError carrying the core's message (it names the element)."""
    if not isinstance(spec, dict):
        raise ValidationError(_("The specification must be a mapping with a 'framework' section."))
    if not isinstance(spec.get("meta") or {}, dict):
        raise ValidationError(_("meta: expected a mapping (title_en, title_zh, ...)."))
    units = spec.get("units") or []
    if not isinstance(units, list) or not all(
        isinstance(u, str) or (isinstance(u, dict) and isinstance(u.get("code"), str)) for u in units
    ):
        raise ValidationError(_("units: expected a list of unit codes (or of mappings with a 'code')."))
    try:
        return IndexSpec.from_dict(spec)
    except IndicatorError as exc:
        raise ValidationError(str(exc)) from None
    except (
        TypeError,
        ValueError,
        AttributeError,
    ) as exc:  # malformed sections (a list where a mapping belongs)
        raise ValidationError(_("The specification is malformed: %(error)s") % {"error": exc}) from None


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without aliases: a few nested aliases expand to gigabytes once stored as JSON."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError(
                f"aliases (*name) are not allowed, line {self.peek_event().start_mark.line + 1}"
            )
        return super().compose_node(parent, index)


def spec_parse(text: str | bytes, filename: str = "") -> dict:
    """A YAML or JSON document (JSON is YAML) as a dict; a bare framework is wrapped as ``{"framework": ...}``."""
    if len(text) > MAX_SPEC_BYTES:
        raise ValidationError(_("The file is larger than 1 MB."))
    try:
        data = json.loads(text) if filename.endswith(".json") else yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506
    except (ValueError, yaml.YAMLError) as exc:
        raise ValidationError(
            _("%(file)s is not valid YAML or JSON: %(error)s")
            % {"file": filename or "file", "error": str(exc).splitlines()[0]}
        ) from None
    if isinstance(data, dict) and "framework" not in data and "indicators" in data:
        data = {"framework": data}
    spec_check(data)
    return data


@transaction.atomic
def framework_create(*, by, spec: dict, name: str = "", description: str = "", **flags: bool) -> Framework:
    parsed = spec_check(spec)
    meta = spec.get("meta") or {}
    name = (name or parsed.framework.name or meta.get("title_en") or _("Untitled framework"))[:200]
    return Framework.objects.create(name=name, description=description, spec=spec, created_by=by, **flags)


def framework_upload(*, by, upload) -> Framework:
    """Create a framework from an uploaded YAML/JSON spec file."""
    if upload.size > MAX_SPEC_BYTES:
        raise ValidationError(_("The file is larger than 1 MB."))
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text.")) from None
    return framework_create(by=by, spec=spec_parse(text, upload.name or ""))


def framework_new(*, by, name: str) -> Framework:
    """A minimal framework to grow in the tree editor: a root aggregate with one indicator."""
    spec = {
        "framework": {
            "name": name,
            "unit_column": "unit",
            "aggregates": [{"code": "Index", "name": name or "Index"}],
            "indicators": [{"code": "indicator_1", "name": "Indicator 1", "parent": "Index"}],
        },
        "method": {"denominate": False, "normalise": {"method": "minmax", "low": 1, "high": 100}},
    }
    return framework_create(by=by, spec=spec, name=name)


@transaction.atomic
def preset_load(*, by) -> Framework:
    """The CASS 17+1 city cooperation preset with its illustrative (not official) data set."""
    spec = yaml.safe_load(PRESET_SPEC.read_text(encoding="utf-8"))
    frame = pd.read_csv(PRESET_DATA, dtype=str, keep_default_na=False)
    fw_spec = spec["framework"]
    spec["units"] = [
        {"code": r[fw_spec["unit_column"]], "name_zh": r.get(fw_spec.get("name_column") or "", "")}
        for r in frame.to_dict("records")
    ]
    framework = framework_create(
        by=by,
        spec=spec,
        name=spec["meta"]["title_en"],
        description=_("Preset after the CASS evaluation of Chinese cities' cooperation with CEEC."),
        is_preset=True,
        illustrative=True,
    )
    from techbridge.evaluation.uploads import records_from_frame

    columns, rows = records_from_frame(frame, spec)
    Dataset.objects.create(
        framework=framework,
        name=_("Illustrative data, not official"),
        year=None,
        source=DatasetSource.PRESET,
        illustrative=True,
        columns=columns,
        rows=rows,
        created_by=by,
    )
    return framework


# ---- the tree editor ------------------------------------------------------------------------------------
def _save_spec(framework: Framework, spec: dict) -> Framework:
    spec_check(spec)
    framework.spec = spec
    framework.name = spec["framework"].get("name") or framework.name
    framework.save(update_fields=["spec", "name", "updated_at"])
    return framework


def _nodes(spec: dict) -> list[dict]:
    fw = spec["framework"]
    return [*(fw.get("indicators") or []), *(fw.get("aggregates") or [])]


def _find(spec: dict, code: str) -> dict:
    for node in _nodes(spec):
        if node.get("code") == code:
            return node
    raise ValidationError(_("'%(code)s': no such indicator or aggregate.") % {"code": code})


def _number(value: Any, field: str, code: str, cast=float) -> Any:
    try:
        return cast(value)
    except (TypeError, ValueError):
        raise ValidationError(
            _("'%(code)s': %(field)s must be a number, got '%(value)s'.")
            % {"code": code, "field": field, "value": value}
        ) from None


def _clean_node(code: str, values: dict) -> dict:
    node: dict[str, Any] = {"code": code}
    for key in ("name", "name_zh", "unit"):
        if values.get(key) not in (None, ""):
            node[key] = str(values[key])[:200]
    node["parent"] = values.get("parent") or None
    if values.get("weight") not in (None, ""):
        node["weight"] = _number(values["weight"], _("weight"), code)
    if values.get("direction") not in (None, ""):
        node["direction"] = _number(values["direction"], _("direction"), code, int)
    return node


@transaction.atomic
def node_add(*, framework: Framework, by, kind: str, values: dict) -> Framework:
    """Add an indicator or an aggregate (``values``: code, name, name_zh, parent, weight, direction, unit;
    an aggregate also takes ``children``, the codes moved under it, since an empty aggregate is invalid)."""
    code = str(values.get("code") or "").strip()
    if not code or not code.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise ValidationError(_("Give a code of letters, digits, '_', '-' or '.'."))
    spec = copy.deepcopy(framework.spec)
    if any(n.get("code") == code for n in _nodes(spec)):
        raise ValidationError(_("'%(code)s': this code is already used.") % {"code": code})
    key = "indicators" if kind == "indicator" else "aggregates"
    spec["framework"].setdefault(key, []).append(_clean_node(code, values))
    children = [c for c in values.get("children") or [] if c]
    if kind != "indicator" and not children:
        raise ValidationError(
            _("'%(code)s': an aggregate needs children: choose the elements to move into it.")
            % {"code": code}
        )
    for child in children:
        _find(spec, child)["parent"] = code
    return _save_spec(framework, spec)


@transaction.atomic
def node_update(*, framework: Framework, by, code: str, values: dict) -> Framework:
    """Rename, re-weight, flip the direction of, or move (new parent) one node."""
    spec = copy.deepcopy(framework.spec)
    node = _find(spec, code)
    cleaned = _clean_node(code, values)
    for key in ("name", "name_zh", "unit", "weight", "direction"):
        if key in values:
            if key in cleaned:
                node[key] = cleaned[key]
            else:
                node.pop(key, None)
    if "parent" in values:
        node["parent"] = cleaned["parent"]
    return _save_spec(framework, spec)


@transaction.atomic
def node_delete(*, framework: Framework, by, code: str) -> Framework:
    spec = copy.deepcopy(framework.spec)
    _find(spec, code)
    children = [n["code"] for n in _nodes(spec) if n.get("parent") == code]
    if children:
        raise ValidationError(
            _("'%(code)s' still has children (%(children)s): move or delete them first.")
            % {"code": code, "children": ", ".join(children)}
        )
    fw = spec["framework"]
    for key in ("indicators", "aggregates"):
        fw[key] = [n for n in fw.get(key) or [] if n.get("code") != code]
    return _save_spec(framework, spec)


@transaction.atomic
def framework_rename(*, framework: Framework, by, name: str, description: str | None = None) -> Framework:
    if not name.strip():
        raise ValidationError(_("Give the framework a name."))
    spec = copy.deepcopy(framework.spec)
    spec["framework"]["name"] = name.strip()[:200]
    if description is not None:
        framework.description = description
        framework.save(update_fields=["description"])
    return _save_spec(framework, spec)


def spec_dump(framework: Framework, fmt: str = "yaml") -> str:
    if fmt == "json":
        return json.dumps(framework.spec, ensure_ascii=False, indent=2)
    return yaml.safe_dump(framework.spec, allow_unicode=True, sort_keys=False)


def _as_dict(value: Any) -> dict:
    if isinstance(value, str):
        return {"method": value}
    return dict(value or {})


@transaction.atomic
def method_update(*, framework: Framework, by, values: dict) -> Framework:
    """Change the main method choices (imputation, treatment, normalisation and its range, aggregation and its
    data threshold), keeping every other option of the spec; validated by the core before saving."""
    spec = copy.deepcopy(framework.spec)
    method = dict(spec.get("method") or {})
    if values.get("impute"):
        impute = _as_dict(method.get("impute")) | {"method": values["impute"]}
        groups = spec["framework"].get("groups") or []
        if values["impute"].startswith("group_"):
            if not groups:
                raise ValidationError(_("Group imputation needs a group column in the framework."))
            impute.setdefault("group", groups[0])
        method["impute"] = impute
    if values.get("treat"):
        method["treat"] = _as_dict(method.get("treat")) | {"method": values["treat"]}
    if values.get("normalise"):
        normalise = _as_dict(method.get("normalise")) | {"method": values["normalise"]}
        for key in ("low", "high"):
            if values.get(key) not in (None, ""):
                normalise[key] = _number(values[key], key, "normalise")
        method["normalise"] = normalise
    if values.get("aggregate"):
        aggregate = _as_dict(method.get("aggregate")) | {"method": values["aggregate"]}
        if values.get("threshold") not in (None, ""):
            aggregate["threshold"] = _number(values["threshold"], "threshold", "aggregate")
        method["aggregate"] = aggregate
    spec["method"] = method
    return _save_spec(framework, spec)
