"""Small hand-checkable frameworks and data files for the evaluation tests."""

from __future__ import annotations

import copy

from django.core.files.uploadedfile import SimpleUploadedFile

# x (weight 3, higher is better) and y (weight 1, lower is better) under one root, min-max to [0, 100]:
# x: A=0, B=5, C=10 -> 0, 50, 100; y: A=1, B=2, C=3 -> 100, 50, 0 (reversed)
# Index = (3 x + y) / 4 -> A 25, B 50, C 75: ranks C 1, B 2, A 3.
TINY = {
    "framework": {
        "name": "Tiny",
        "unit_column": "unit",
        "aggregates": [{"code": "Index", "name": "Tiny index", "name_zh": "小指数"}],
        "indicators": [
            {"code": "x", "name": "Exports", "parent": "Index", "weight": 3},
            {"code": "y", "name": "Delays", "parent": "Index", "weight": 1, "direction": -1},
        ],
    },
    "method": {"denominate": False, "normalise": {"method": "minmax", "low": 0, "high": 100}},
    "units": ["A", "B", "C"],
}
TINY_CSV = "unit,x,y\nA,0,1\nB,5,2\nC,10,3\n"


def tiny_spec(**method) -> dict:
    spec = copy.deepcopy(TINY)
    spec["method"].update(method)
    return spec


def csv_file(text: str, name: str = "data.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "data.xlsx") -> SimpleUploadedFile:
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())
