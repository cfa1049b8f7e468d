"""Forms of the evaluation area (input parsing only; the rules live in services, uploads and runs)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.evaluation.runs import MAX_MC_RUNS

LEVEL_CHOICES = [("", _("No platform indicators")), ("city", _("Per city")), ("country", _("Per country"))]


class NewFrameworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(label=_("Framework file (YAML or JSON)"))


class DataUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Data file (CSV or XLSX)"),
        help_text=_("One row per unit; a 'year' column may hold several years."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("Used when the file has no 'year' column."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    platform_level = forms.ChoiceField(
        label=_("Platform indicators"),
        choices=LEVEL_CHOICES,
        required=False,
        help_text=_("Fill the framework's platform_* indicators from TechBridge's own records."),
    )


class PlatformDataForm(forms.Form):
    level = forms.ChoiceField(label=_("Units"), choices=LEVEL_CHOICES[1:])
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)


class RunForm(forms.Form):
    dataset = forms.TypedChoiceField(label=_("Dataset"), coerce=int)
    mc_runs = forms.IntegerField(
        label=_("Monte Carlo runs"),
        min_value=0,
        max_value=MAX_MC_RUNS,
        initial=1000,
        help_text=_("0 computes the index without uncertainty analysis."),
    )

    def __init__(self, *args, datasets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [(d.pk, str(d)) for d in datasets]


class MethodForm(forms.Form):
    """The main method choices; the rest of the method stays as the spec has it."""

    impute = forms.ChoiceField(
        label=_("Missing values"),
        choices=[
            ("none", _("Leave missing")),
            ("mean", _("Mean of all units")),
            ("median", _("Median of all units")),
            ("group_mean", _("Mean of the unit's group")),
            ("group_median", _("Median of the unit's group")),
        ],
    )
    treat = forms.ChoiceField(
        label=_("Outliers"),
        choices=[("winsorise", _("Winsorise skewed indicators")), ("none", _("Leave as they are"))],
    )
    normalise = forms.ChoiceField(
        label=_("Normalisation"),
        choices=[
            ("minmax", _("Min-max")),
            ("zscore", _("z-score")),
            ("rank", _("Rank")),
            ("prank", _("Percentile rank")),
            ("dist_max", _("Distance to the best")),
        ],
    )
    low = forms.FloatField(label=_("Scale from"), required=False)
    high = forms.FloatField(label=_("Scale to"), required=False)
    aggregate = forms.ChoiceField(
        label=_("Aggregation"),
        choices=[
            ("arithmetic", _("Arithmetic mean")),
            ("geometric", _("Geometric mean")),
            ("harmonic", _("Harmonic mean")),
        ],
    )
    threshold = forms.FloatField(
        label=_("Minimum share of data"),
        min_value=0,
        max_value=1,
        required=False,
        help_text=_("A unit with less of an aggregate's data than this share gets an error naming it."),
    )

    @classmethod
    def for_spec(cls, spec: dict) -> MethodForm:
        method = spec.get("method") or {}

        def pick(step: str, default: str) -> str:
            value = method.get(step)
            return (value.get("method") if isinstance(value, dict) else value) or default

        normalise = method.get("normalise") if isinstance(method.get("normalise"), dict) else {}
        aggregate = method.get("aggregate") if isinstance(method.get("aggregate"), dict) else {}
        return cls(
            initial={
                "impute": pick("impute", "none"),
                "treat": pick("treat", "none"),
                "normalise": pick("normalise", "minmax"),
                "low": normalise.get("low", 0),
                "high": normalise.get("high", 100),
                "aggregate": pick("aggregate", "arithmetic"),
                "threshold": aggregate.get("threshold", 0),
            }
        )
