"""Index spec files: one YAML/JSON file with ``framework:``, ``method:`` and optional ``uncertainty:``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from techbridge.core.indicators.errors import FrameworkError
from techbridge.core.indicators.framework import Framework
from techbridge.core.indicators.method import Method
from techbridge.core.indicators.uncertainty import UncertaintySpec


@dataclass
class IndexSpec:
    """A framework with its method choices and, optionally, the assumptions to vary."""

    framework: Framework
    method: Method
    uncertainty: UncertaintySpec | None = None
    meta: dict[str, Any] | None = None

    @classmethod
    def from_dict(cls, spec: dict[str, Any]) -> IndexSpec:
        if "framework" not in spec:
            raise FrameworkError("spec: 'framework' section is missing")
        unc = spec.get("uncertainty")
        return cls(
            framework=Framework.from_dict(spec["framework"]),
            method=Method.from_dict(spec.get("method")),
            uncertainty=UncertaintySpec.from_dict(unc) if unc else None,
            meta=spec.get("meta"),
        )

    @classmethod
    def from_file(cls, path: str | Path) -> IndexSpec:
        """Read YAML or JSON (JSON is valid YAML)."""
        try:
            spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise FrameworkError(f"{path}: not valid YAML/JSON ({exc})") from exc
        if not isinstance(spec, dict):
            raise FrameworkError(f"{path}: expected a mapping at the top level")
        return cls.from_dict(spec)
