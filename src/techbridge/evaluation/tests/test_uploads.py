"""Data uploads: every bad row and column is named, and nothing is saved unless the whole file is clean."""

import pytest
from django.core.exceptions import ValidationError

from techbridge.evaluation import services, uploads
from techbridge.evaluation.models import Dataset
from techbridge.evaluation.tests.factories import TINY_CSV, csv_file, tiny_spec, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny(world):
    return services.framework_create(by=None, spec=tiny_spec())


def _errors(framework, text, **kw):
    before = Dataset.objects.count()
    with pytest.raises(ValidationError) as exc:
        uploads.dataset_upload(
            framework=framework, by=None, upload=csv_file(text), year=kw.pop("year", 2025), **kw
        )
    assert Dataset.objects.count() == before  # nothing half-saved
    return exc.value.messages


def test_it_saves_a_clean_csv_as_one_dataset_of_the_given_year(tiny):
    (ds,) = uploads.dataset_upload(framework=tiny, by=None, upload=csv_file(TINY_CSV), year=2025)
    assert ds.year == 2025 and ds.source == "upload"
    assert ds.rows == [
        {"unit": "A", "x": 0.0, "y": 1.0},
        {"unit": "B", "x": 5.0, "y": 2.0},
        {"unit": "C", "x": 10.0, "y": 3.0},
    ]


def test_a_year_column_gives_one_dataset_per_year(tiny):
    text = "unit;year;x;y\nA;2024;1;1\nA;2025;2;1\nB;2025;3;2\n"  # semicolons, as Excel writes them in Europe
    created = uploads.dataset_upload(framework=tiny, by=None, upload=csv_file(text), year=None)
    assert [(d.year, len(d.rows)) for d in created] == [(2024, 1), (2025, 2)]


def test_it_reads_xlsx_and_keeps_empty_cells_missing(tiny):
    upload = xlsx_file([["unit", "x", "y"], ["A", 1, None], ["B", 2.5, 3]])
    (ds,) = uploads.dataset_upload(framework=tiny, by=None, upload=upload, year=2025)
    assert ds.rows[0] == {"unit": "A", "x": 1.0, "y": None}


def test_it_names_row_and_column_of_every_bad_value(tiny):
    text = "unit,x,y\nA,0,1\nZ,5,2\nB,lots,2\nA,3,3\n"
    assert _errors(tiny, text) == [
        "row 3, column 'unit': unknown unit 'Z'",
        "row 4, column 'x': 'lots' is not a number",
        "row 5, column 'unit': unit 'A' duplicates row 2",
    ]


def test_it_names_unknown_and_missing_indicator_columns(tiny):
    assert _errors(tiny, "unit,x,z\nA,1,2\n") == [
        "row 1, column 'z': unknown indicator (not in the framework)",
        "row 1, column 'y': indicator of the framework missing from the file",
    ]


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ("", "data.csv", "The file is empty."),
        ("unit,x,y\n", "data.csv", "The file has a header but no data rows."),
        ("x,y\n1,2\n", "data.csv", "row 1, column 'unit': the unit column is missing"),
        ("unit,x,y\nA,1,2\n", "data.pdf", "Upload a .csv or .xlsx file."),
        ("unit,x,y\nA,inf,2\n", "data.csv", "row 2, column 'x': 'inf' is not a number"),
    ],
)
def test_it_rejects_unusable_files_with_a_clear_message(tiny, text, name, message):
    with pytest.raises(ValidationError) as exc:
        uploads.dataset_upload(framework=tiny, by=None, upload=csv_file(text, name), year=2025)
    assert exc.value.messages == [message]


def test_a_damaged_workbook_is_reported_not_raised(tiny):
    with pytest.raises(ValidationError, match="not a readable .xlsx"):
        uploads.dataset_upload(framework=tiny, by=None, upload=csv_file("PK garbage", "d.xlsx"), year=2025)


def test_without_declared_units_the_directory_decides(world):
    spec = tiny_spec()
    del spec["units"]
    fw = services.framework_create(by=None, spec=spec)
    (ds,) = uploads.dataset_upload(
        framework=fw, by=None, upload=csv_file("unit,x,y\nPL,1,2\nningbo,2,3\n"), year=2025
    )
    assert [r["unit"] for r in ds.rows] == ["PL", "ningbo"]
    assert _errors(fw, "unit,x,y\nAtlantis,1,2\n") == ["row 2, column 'unit': unknown unit 'Atlantis'"]
