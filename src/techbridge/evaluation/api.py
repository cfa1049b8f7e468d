"""API of the evaluation area: frameworks (list, create, upload, preset), datasets (upload, from the platform)
and index runs (create, read, results). Same rules as the UI: analysts, brokers and administrators work
here; members and evaluators read published results only."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from techbridge.evaluation import rules, runs, selectors, services, uploads
from techbridge.evaluation.models import Framework, IndexRun, RunState

router = Router(tags=["evaluation"])


class FrameworkOut(Schema):
    id: int
    name: str
    description: str
    is_preset: bool
    illustrative: bool
    spec: dict
    updated_at: dt.datetime


class FrameworkIn(Schema):
    name: str = ""
    description: str = ""
    spec: dict


class DatasetOut(Schema):
    id: int
    framework: int
    name: str
    year: int | None
    source: str
    illustrative: bool
    units: int

    @staticmethod
    def resolve_framework(obj) -> int:
        return obj.framework_id

    @staticmethod
    def resolve_units(obj) -> int:
        return len(obj.rows)


class PlatformIn(Schema):
    level: str
    year: int


class RunIn(Schema):
    framework: int
    dataset: int
    mc_runs: int = 0


class RunOut(Schema):
    id: int
    framework: int
    dataset: int
    year: int | None
    state: str
    progress: float
    message: str
    error: str
    mc_runs: int
    published: bool
    illustrative: bool
    job: str | None
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_framework(obj) -> int:
        return obj.framework_id

    @staticmethod
    def resolve_dataset(obj) -> int:
        return obj.dataset_id

    @staticmethod
    def resolve_year(obj) -> int | None:
        return obj.dataset.year

    @staticmethod
    def resolve_job(obj) -> str | None:
        return str(obj.job_id) if obj.job_id else None


class ResultsOut(Schema):
    run: RunOut
    illustrative: bool
    ranking: list[dict]
    results: dict
    uncertainty: dict
    analysis: dict


def _editor(request) -> None:
    if not rules.can_edit(request.user):
        raise PermissionDenied("Only analysts, brokers and administrators work on the cooperation index.")


def _framework(request, framework_id: int) -> Framework:
    _editor(request)
    return get_object_or_404(Framework, pk=framework_id)


def _run(request, run_id: int) -> IndexRun:
    if not rules.can_view_published(request.user):
        raise PermissionDenied("The cooperation index is not available to your role.")
    run = get_object_or_404(IndexRun.objects.select_related("dataset", "framework"), pk=run_id)
    if not rules.can_view_run(request.user, run):
        raise Http404("No such run.")
    return run


@router.get("/evaluation/frameworks", response=list[FrameworkOut])
def list_frameworks(request):
    """Every framework (analysts, brokers, administrators)."""
    _editor(request)
    return list(selectors.framework_list(viewer=request.user))


@router.post("/evaluation/frameworks", response={201: FrameworkOut})
def create_framework(request, payload: FrameworkIn):
    """Create from a spec (``framework``, ``method``, optional ``uncertainty``, ``meta``, ``units``)."""
    _editor(request)
    spec = payload.spec if "framework" in payload.spec else {"framework": payload.spec}
    framework = services.framework_create(
        by=request.user, spec=spec, name=payload.name, description=payload.description
    )
    return Status(201, framework)


@router.post("/evaluation/frameworks/upload", response={201: FrameworkOut})
def upload_framework(request, file: File[UploadedFile]):
    """Create from a YAML or JSON spec file."""
    _editor(request)
    return Status(201, services.framework_upload(by=request.user, upload=file))


@router.post("/evaluation/frameworks/preset", response={201: FrameworkOut})
def load_preset(request):
    """Load the CASS 17+1 city cooperation preset with its illustrative (not official) data."""
    _editor(request)
    return Status(201, services.preset_load(by=request.user))


@router.get("/evaluation/frameworks/{framework_id}", response=FrameworkOut)
def get_framework(request, framework_id: int):
    return _framework(request, framework_id)


@router.get("/evaluation/frameworks/{framework_id}/datasets", response=list[DatasetOut])
def list_datasets(request, framework_id: int):
    return list(_framework(request, framework_id).datasets.all())


@router.post("/evaluation/frameworks/{framework_id}/datasets", response={201: list[DatasetOut]})
def upload_datasets(
    request,
    framework_id: int,
    file: File[UploadedFile],
    year: Form[int | None] = None,
    name: Form[str] = "",
    platform_level: Form[str] = "",
):
    """Upload CSV/XLSX data (one dataset per year); 422 lists every bad row and column, nothing is saved."""
    framework = _framework(request, framework_id)
    if platform_level not in ("", "city", "country"):
        raise ValidationError({"platform_level": ["Use city, country or leave it empty."]})
    created = uploads.dataset_upload(
        framework=framework, by=request.user, upload=file, year=year, name=name, platform_level=platform_level
    )
    return Status(201, created)


@router.post("/evaluation/frameworks/{framework_id}/platform-datasets", response={201: DatasetOut})
def platform_dataset(request, framework_id: int, payload: PlatformIn):
    """A dataset of platform-derived indicators (platform_*) per city or country for one year."""
    framework = _framework(request, framework_id)
    dataset = uploads.dataset_from_platform(
        framework=framework, by=request.user, level=payload.level, year=payload.year
    )
    return Status(201, dataset)


@router.get("/evaluation/runs", response=list[RunOut])
def list_runs(request):
    """Runs visible to the caller (members and evaluators: published ones)."""
    if not rules.can_view_published(request.user):
        raise PermissionDenied("The cooperation index is not available to your role.")
    return list(selectors.run_list(viewer=request.user)[:200])


@router.post("/evaluation/runs", response={201: RunOut})
def create_run(request, payload: RunIn):
    """Start a run as a background job; poll GET /evaluation/runs/{id} for its state."""
    framework = _framework(request, payload.framework)
    dataset = get_object_or_404(framework.datasets, pk=payload.dataset)
    run = runs.run_create(framework=framework, dataset=dataset, by=request.user, mc_runs=payload.mc_runs)
    return Status(201, runs.run_start(run=run, by=request.user, result_url=f"/evaluation/runs/{run.pk}/"))


@router.get("/evaluation/runs/{run_id}", response=RunOut)
def get_run(request, run_id: int):
    return _run(request, run_id)


@router.get("/evaluation/runs/{run_id}/results", response=ResultsOut)
def get_results(request, run_id: int):
    """Ranking, scores of every aggregate, rank intervals and Sobol' indices of a finished run."""
    run = _run(request, run_id)
    if run.state != RunState.DONE:
        raise Http404(f"Run {run.pk} has no results (state: {run.state}).")
    return {
        "run": run,
        "illustrative": run.illustrative,
        "ranking": selectors.ranking(run),
        "results": run.results,
        "uncertainty": run.uncertainty,
        "analysis": run.analysis,
    }
