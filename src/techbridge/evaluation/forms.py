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
