"""The core never imports Django: it stays testable and reusable without a database."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]


def test_no_core_module_imports_django():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "django" or n.startswith("django.") for n in names):
                offenders.append(str(path.relative_to(CORE)))
    assert offenders == []
