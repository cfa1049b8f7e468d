"""Evaluation pages: the area's index, frameworks (upload, preset, tree editor with HTMX) and data uploads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.evaluation import platform, rules, selectors, services, uploads
from techbridge.evaluation.forms import (
    DataUploadForm,
    FrameworkUploadForm,
    MethodForm,
    NewFrameworkForm,
    PlatformDataForm,
    RunForm,
)
from techbridge.evaluation.models import Dataset, Framework


def _require_editor(request: HttpRequest) -> None:
    if not rules.can_edit(request.user):
        raise PermissionDenied(_("Only analysts, brokers and administrators work on the cooperation index."))


def _framework(request: HttpRequest, pk: int) -> Framework:
    _require_editor(request)
    return get_object_or_404(Framework, pk=pk)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not rules.can_view_published(request.user):
        raise PermissionDenied(_("The cooperation index is not available to your role."))
    frameworks = list(selectors.framework_list(viewer=request.user))
    recent = list(selectors.run_list(viewer=request.user)[:30])
    context = {
        "can_edit": rules.can_edit(request.user),
        "frameworks": frameworks,
        "runs": recent,
        "illustrative": any(f.illustrative for f in frameworks) or any(r.illustrative for r in recent),
        "new_form": NewFrameworkForm(),
        "upload_form": FrameworkUploadForm(),
    }
    return render(request, "evaluation/index.html", context)


@login_required
@require_POST
def framework_new(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = NewFrameworkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the framework a name."))
        return redirect("evaluation-index")
    framework = services.framework_new(by=request.user, name=form.cleaned_data["name"])
    return redirect("evaluation-framework", framework.pk)


@login_required
@require_POST
def framework_upload(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = FrameworkUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            framework = services.framework_upload(by=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Framework uploaded."))
            return redirect("evaluation-framework", framework.pk)
    else:
        messages.error(request, _("Choose a YAML or JSON file."))
    return redirect("evaluation-index")


@login_required
@require_POST
def preset_load(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    framework = services.preset_load(by=request.user)
    messages.success(request, _("Preset loaded with its illustrative data (not official)."))
    return redirect("evaluation-framework", framework.pk)


def _tree_context(framework: Framework) -> dict:
    return {
        "framework": framework,
        "tree": selectors.framework_tree(framework),
        "aggregates": selectors.aggregate_codes(framework),
        "codes": selectors.node_codes(framework),
        "platform_codes": platform.indicator_codes(),
    }


def _detail_context(request: HttpRequest, framework: Framework, **extra) -> dict:
    datasets = list(framework.datasets.all())
    context = {
        "framework": framework,
        **_tree_context(framework),
        "datasets": datasets,
        "runs": selectors.run_list(viewer=request.user, framework=framework)[:20],
        "data_form": DataUploadForm(),
        "platform_form": PlatformDataForm(),
        "run_form": RunForm(datasets=datasets),
        "method_form": MethodForm.for_spec(framework.spec),
        "missing_records": platform.missing_records(),
        "illustrative": framework.illustrative or any(d.illustrative for d in datasets),
    }
    context.update(extra)
    return context


@login_required
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = _framework(request, pk)
    if request.method == "POST":  # rename
        try:
            services.framework_rename(
                framework=framework,
                by=request.user,
                name=request.POST.get("name", ""),
                description=request.POST.get("description"),
            )
            messages.success(request, _("Changes saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("evaluation-framework", framework.pk)
    return render(request, "evaluation/framework_detail.html", _detail_context(request, framework))


@login_required
@require_POST
def framework_node(request: HttpRequest, pk: int) -> HttpResponse:
    """Tree editor: op = add | update | delete; HTMX gets the tree partial back, others a redirect."""
    framework = _framework(request, pk)
    post = request.POST
    op = post.get("op", "")
    values = {
        k: post[k] for k in ("code", "name", "name_zh", "parent", "weight", "direction", "unit") if k in post
    }
    values["children"] = post.getlist("children")
    errors: list[str] = []
    try:
        if op == "add":
            services.node_add(
                framework=framework, by=request.user, kind=post.get("kind", "indicator"), values=values
            )
        elif op == "update":
            code = values.pop("code", "")
            values.pop("children")
            services.node_update(framework=framework, by=request.user, code=code, values=values)
        elif op == "delete":
            services.node_delete(framework=framework, by=request.user, code=post.get("code", ""))
        else:
            errors.append(_("Unknown operation."))
    except ValidationError as exc:
        errors.extend(exc.messages)
        framework.refresh_from_db()
    if request.htmx:
        context = {
            **_tree_context(framework),
            "tree_errors": errors,
            "saved": not errors,
        }
        return render(request, "evaluation/_tree.html", context)
    for message in errors:
        messages.error(request, message)
    if not errors:
        messages.success(request, _("Changes saved."))
    return redirect("evaluation-framework", framework.pk)


@login_required
def framework_download(request: HttpRequest, pk: int) -> HttpResponse:
    framework = _framework(request, pk)
    fmt = "json" if request.GET.get("format") == "json" else "yaml"
    response = HttpResponse(
        services.spec_dump(framework, fmt),
        content_type="application/json" if fmt == "json" else "application/yaml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="framework-{framework.pk}.{fmt}"'
    return response


@login_required
@require_POST
def data_upload(request: HttpRequest, pk: int) -> HttpResponse:
    framework = _framework(request, pk)
    form = DataUploadForm(request.POST, request.FILES)
    upload_errors: list[str] = []
    if form.is_valid():
        try:
            created = uploads.dataset_upload(
                framework=framework,
                by=request.user,
                upload=form.cleaned_data["file"],
                year=form.cleaned_data["year"],
                name=form.cleaned_data["name"],
                platform_level=form.cleaned_data["platform_level"],
            )
        except ValidationError as exc:
            upload_errors = exc.messages
        else:
            messages.success(request, _("%(n)s dataset(s) saved.") % {"n": len(created)})
            return redirect("evaluation-framework", framework.pk)
    context = _detail_context(request, framework, data_form=form, upload_errors=upload_errors)
    return render(request, "evaluation/framework_detail.html", context, status=422)


@login_required
@require_POST
def platform_data(request: HttpRequest, pk: int) -> HttpResponse:
    framework = _framework(request, pk)
    form = PlatformDataForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, framework, platform_form=form)
        return render(request, "evaluation/framework_detail.html", context, status=422)
    try:
        uploads.dataset_from_platform(
            framework=framework,
            by=request.user,
            level=form.cleaned_data["level"],
            year=form.cleaned_data["year"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluation-framework", framework.pk)
    messages.success(request, _("Dataset computed from the platform's records."))
    return redirect("evaluation-framework", framework.pk)


@login_required
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    dataset = get_object_or_404(Dataset.objects.select_related("framework"), pk=pk)
    table = [[row.get(c) for c in dataset.columns] for row in dataset.rows]
    context = {"dataset": dataset, "table": table, "illustrative": dataset.illustrative}
    return render(request, "evaluation/dataset_detail.html", context)


@login_required
@require_POST
def framework_method(request: HttpRequest, pk: int) -> HttpResponse:
    framework = _framework(request, pk)
    form = MethodForm(request.POST)
    if form.is_valid():
        try:
            services.method_update(framework=framework, by=request.user, values=form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Method saved."))
            return redirect("evaluation-framework", framework.pk)
    context = _detail_context(request, framework, method_form=form)
    return render(request, "evaluation/framework_detail.html", context, status=422)
