"""Pages of the evaluation area: who may do what (every role, allowed and denied), HTMX tree edits, upload
errors, the illustrative-data banner, charts and exports."""

import pytest

from techbridge.evaluation import runs, services
from techbridge.evaluation.models import Dataset, Framework
from techbridge.evaluation.tests.factories import csv_file, tiny_spec

pytestmark = pytest.mark.django_db
EDITORS = ["admin", "broker", "analyst"]
VIEWERS = ["member", "evaluator"]
BANNER = "Illustrative data, not official."


@pytest.fixture
def preset_run(world):
    fw = services.preset_load(by=world["users"]["analyst"])
    run = runs.run_create(framework=fw, dataset=fw.datasets.get(), by=None, mc_runs=16)
    return runs.run_start(run=run, by=None)


def _pages(run):
    fw = run.framework
    return [
        f"/evaluation/frameworks/{fw.pk}/",
        f"/evaluation/frameworks/{fw.pk}/download/",
        f"/evaluation/datasets/{run.dataset.pk}/",
    ]


@pytest.mark.parametrize("role", EDITORS)
def test_editors_work_on_frameworks_data_and_runs(world, login, preset_run, role):
    client = login(world["users"][role])
    assert "Cooperation index" in client.get("/").content.decode()  # the nav link
    for url in ["/evaluation/", *_pages(preset_run), f"/evaluation/runs/{preset_run.pk}/"]:
        assert client.get(url).status_code == 200, url
    response = client.post("/evaluation/frameworks/new/", {"name": f"By {role}"})
    assert response.status_code == 302 and Framework.objects.filter(name=f"By {role}").exists()


@pytest.mark.parametrize("role", VIEWERS)
def test_members_and_evaluators_see_published_results_only(world, login, preset_run, role):
    client = login(world["users"][role])
    assert "/evaluation/" not in client.get("/").content.decode()
    page = client.get("/evaluation/").content.decode()
    assert "Published results" in page and "Load the CASS" not in page
    for url in _pages(preset_run):
        assert client.get(url).status_code == 403, url
    for url in [
        "/evaluation/frameworks/new/",
        "/evaluation/frameworks/preset/",
        f"/evaluation/frameworks/{preset_run.framework.pk}/runs/",
    ]:
        assert client.post(url, {"name": "x"}).status_code == 403, url
    assert client.get(f"/evaluation/runs/{preset_run.pk}/").status_code == 404  # not published yet
    assert client.post(f"/evaluation/runs/{preset_run.pk}/publish/").status_code == 403
    runs.run_publish(run=preset_run, by=None)
    assert client.get(f"/evaluation/runs/{preset_run.pk}/").status_code == 200
    assert client.get(f"/evaluation/runs/{preset_run.pk}/report.pdf").content[:4] == b"%PDF"


def test_anonymous_visitors_are_sent_to_sign_in(client, preset_run):
    for url in ["/evaluation/", f"/evaluation/runs/{preset_run.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_page_showing_the_preset_carries_the_illustrative_banner(world, login, preset_run):
    client = login(world["users"]["analyst"])
    unit = f"/evaluation/runs/{preset_run.pk}/units/Ningbo/"
    for url in ["/evaluation/", *_pages(preset_run)[::2], f"/evaluation/runs/{preset_run.pk}/", unit]:
        assert BANNER in client.get(url).content.decode(), url


def test_the_results_page_shows_ranking_charts_intervals_sensitivity_and_map(world, login, preset_run):
    page = login(world["users"]["analyst"]).get(f"/evaluation/runs/{preset_run.pk}/").content.decode()
    assert page.count("<svg") == 5  # bars, radar, rank intervals, Sobol', tile map
    assert 'id="ranking"' in page and "Median rank (5-95%)" in page
    assert "<script" not in page.split("<main", 1)[1]  # CSP: no inline scripts
    assert "Not placed on the map" not in page  # all 15 preset cities have a position


def test_a_unit_page_lists_strengths_and_weaknesses(world, login, preset_run):
    page = login(world["users"]["analyst"]).get(f"/evaluation/runs/{preset_run.pk}/units/Ningbo/")
    html = page.content.decode()
    assert 'id="strengths"' in html and 'id="weaknesses"' in html and "rank 1 of 15" in html
    assert (
        login(world["users"]["analyst"]).get(f"/evaluation/runs/{preset_run.pk}/units/Atlantis/").status_code
        == 404
    )


def test_the_tree_editor_answers_htmx_with_the_tree_and_names_a_refused_edit(world, login):
    fw = services.framework_create(by=None, spec=tiny_spec())
    client = login(world["users"]["analyst"])
    url = f"/evaluation/frameworks/{fw.pk}/nodes/"
    ok = client.post(
        url,
        {"op": "update", "code": "x", "name": "Exports to CEEC", "weight": "2", "parent": "Index"},
        HTTP_HX_REQUEST="true",
    )
    assert ok.status_code == 200 and 'id="tree"' in ok.content.decode() and "<html" not in ok.content.decode()
    assert Framework.objects.get(pk=fw.pk).spec["framework"]["indicators"][0]["name"] == "Exports to CEEC"
    bad = client.post(
        url, {"op": "update", "code": "Index", "parent": "x"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "parent &#x27;x&#x27; is an indicator" in bad
    plain = client.post(
        url, {"op": "add", "kind": "aggregate", "code": "Sub", "parent": "Index", "children": ["y"]}
    )
    assert plain.status_code == 302
    assert Framework.objects.get(pk=fw.pk).spec["framework"]["indicators"][1]["parent"] == "Sub"


def test_a_bad_upload_shows_every_row_error_and_saves_nothing(world, login):
    fw = services.framework_create(by=None, spec=tiny_spec())
    client = login(world["users"]["analyst"])
    upload = csv_file("unit,x,y\nA,1,2\nQ,x,2\n")
    response = client.post(f"/evaluation/frameworks/{fw.pk}/data/", {"file": upload, "year": "2025"})
    html = response.content.decode()
    assert response.status_code == 422 and "Nothing was saved" in html
    assert "row 3, column &#x27;unit&#x27;: unknown unit &#x27;Q&#x27;" in html
    assert "row 3, column &#x27;x&#x27;: &#x27;x&#x27; is not a number" in html
    assert not Dataset.objects.exists()


def test_a_framework_upload_error_is_a_message_not_a_server_error(world, login):
    client = login(world["users"]["analyst"])
    bad = csv_file("framework:\n  indicators: [{code: a, parent: b}]\n", "f.yaml")
    response = client.post("/evaluation/frameworks/upload/", {"file": bad}, follow=True)
    assert response.status_code == 200 and "unknown parent &#x27;b&#x27;" in response.content.decode()


def test_exports_are_a_workbook_and_pdfs_in_both_languages(world, login, preset_run):
    client = login(world["users"]["broker"])
    xlsx = client.get(f"/evaluation/runs/{preset_run.pk}/export.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats") and xlsx.content[:2] == b"PK"
    for lang in ("zh", "en"):
        pdf = client.get(f"/evaluation/runs/{preset_run.pk}/report.pdf?lang={lang}")
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_platform_dataset_is_computed_from_the_page(world, login):
    spec = {
        "framework": {
            "unit_column": "country",
            "aggregates": [{"code": "I"}],
            "indicators": [{"code": "platform_profiles", "parent": "I"}],
        }
    }
    fw = services.framework_create(by=None, spec=spec)
    client = login(world["users"]["analyst"])
    response = client.post(
        f"/evaluation/frameworks/{fw.pk}/platform-data/", {"level": "country", "year": "2026"}
    )
    assert response.status_code == 302


def test_a_failed_run_shows_the_cores_message_and_the_progress_partial_asks_for_a_reload(world, login):
    fw = services.framework_create(by=None, spec=tiny_spec(normalise="zscore", aggregate="geometric"))
    from techbridge.evaluation.tests.factories import TINY_CSV
    from techbridge.evaluation.uploads import dataset_upload

    (ds,) = dataset_upload(framework=fw, by=None, upload=csv_file(TINY_CSV), year=2025)
    run = runs.run_start(run=runs.run_create(framework=fw, dataset=ds, by=None), by=None)
    client = login(world["users"]["analyst"])
    page = client.get(f"/evaluation/runs/{run.pk}/").content.decode()
    assert 'id="run-error"' in page and "geometric" in page and 'id="ranking"' not in page
    partial = client.get(f"/evaluation/runs/{run.pk}/progress/", HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true" and "hx-trigger" not in partial.content.decode()


def test_the_workbook_holds_ranking_indicators_uncertainty_and_sensitivity(world, login, preset_run):
    import io

    from openpyxl import load_workbook

    content = login(world["users"]["analyst"]).get(f"/evaluation/runs/{preset_run.pk}/export.xlsx").content
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Ranking", "Raw", "Normalised", "Uncertainty", "Sensitivity"]
    ranking = book["Ranking"]
    assert "not official" in ranking["A1"].value and ranking["A2"].value == "unit"
    assert ranking.max_row == 2 + 15


def test_a_unit_code_with_a_slash_has_a_page(world, login):
    spec = tiny_spec()
    spec["units"] = ["A/B", "C", "D"]
    fw = services.framework_create(by=None, spec=spec)
    from techbridge.evaluation.uploads import dataset_upload

    (ds,) = dataset_upload(
        framework=fw, by=None, upload=csv_file("unit,x,y\nA/B,1,2\nC,2,1\nD,0,0\n"), year=2025
    )
    run = runs.run_start(run=runs.run_create(framework=fw, dataset=ds, by=None), by=None)
    client = login(world["users"]["analyst"])
    assert client.get(f"/evaluation/runs/{run.pk}/").status_code == 200
    assert client.get(f"/evaluation/runs/{run.pk}/units/A/B/").status_code == 200


def test_a_unit_page_charts_its_score_across_years(world, login):
    from techbridge.evaluation.tests.factories import TINY_CSV
    from techbridge.evaluation.uploads import dataset_upload

    fw = services.framework_create(by=None, spec=tiny_spec())
    for year, text in ((2024, TINY_CSV), (2025, "unit,x,y\nA,10,1\nB,5,2\nC,0,3\n")):
        (ds,) = dataset_upload(framework=fw, by=None, upload=csv_file(text), year=year)
        run = runs.run_start(run=runs.run_create(framework=fw, dataset=ds, by=None), by=None)
    page = login(world["users"]["analyst"]).get(f"/evaluation/runs/{run.pk}/units/A/").content.decode()
    assert "<polyline" in page and 'id="years"' in page and "(#1)" in page


def test_the_method_form_saves_choices_and_shows_the_current_ones(world, login):
    fw = services.framework_create(by=None, spec=tiny_spec())
    client = login(world["users"]["analyst"])
    data = {
        "impute": "mean",
        "treat": "none",
        "normalise": "minmax",
        "low": "1",
        "high": "100",
        "aggregate": "geometric",
        "threshold": "0.5",
    }
    assert client.post(f"/evaluation/frameworks/{fw.pk}/method/", data).status_code == 302
    assert Framework.objects.get(pk=fw.pk).spec["method"]["aggregate"] == {
        "method": "geometric",
        "threshold": 0.5,
    }
    page = client.get(f"/evaluation/frameworks/{fw.pk}/").content.decode()
    assert '<option value="geometric" selected>' in page
    assert (
        client.post(f"/evaluation/frameworks/{fw.pk}/method/", {**data, "threshold": "2"}).status_code == 422
    )
    assert (
        login(world["users"]["member"]).post(f"/evaluation/frameworks/{fw.pk}/method/", data).status_code
        == 403
    )
