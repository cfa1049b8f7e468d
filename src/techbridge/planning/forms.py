"""Forms of planning: studies, sites, pairwise (AHP) and best-worst comparisons, portfolios, plans,
targets, programmes and calendar events."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.directory.models import City, Country, Organisation, Person
from techbridge.planning import metrics
from techbridge.planning.models import (
    CalendarEvent,
    Goal,
    Plan,
    Programme,
    SiteLevel,
    Study,
    Target,
)

# Saaty's 1-9 scale as one choice per pair: "3" = left 3x as important, "-3" = right 3x as important.
SAATY_WORDS = {
    1: _("equal"),
    2: _("equal to moderate"),
    3: _("moderately more"),
    4: _("moderate to strong"),
    5: _("strongly more"),
    6: _("strong to very strong"),
    7: _("very strongly more"),
    8: _("very to extremely"),
    9: _("extremely more"),
}


def saaty_choices() -> list[tuple[str, str]]:
    left = [(str(v), f"{v} · {SAATY_WORDS[v]} ←") for v in range(9, 1, -1)]
    right = [(str(-v), f"→ {v} · {SAATY_WORDS[v]}") for v in range(2, 10)]
    return [*left, ("1", f"1 · {SAATY_WORDS[1]}"), *right]


def saaty_value(choice: str) -> float:
    v = int(choice)
    return float(v) if v > 0 else 1.0 / -v


class StudyForm(forms.ModelForm):
    class Meta:
        model = Study
        fields = ["title", "description", "level", "smaa_samples", "seed"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_smaa_samples(self):
        n = self.cleaned_data["smaa_samples"]
        if not 100 <= n <= 50_000:
            raise forms.ValidationError(_("Choose between 100 and 50,000 samples."))
        return n


class SiteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all(), required=False)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    cost = forms.FloatField(label=_("Annual cost (k EUR)"), min_value=0, initial=0)

    def __init__(self, *args, study: Study, **kwargs):
        super().__init__(*args, **kwargs)
        self.study = study
        for crit in study.criteria.all():
            if not crit.metric:
                self.fields[crit.key] = forms.FloatField(label=crit.label, required=False)
        if study.level == SiteLevel.COUNTRY:
            self.fields.pop("city")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.study.sites.filter(name=name).exists():
            raise forms.ValidationError(_("This study already has a site with this name."))
        return name


class SiteImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))


class CriterionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=40)
    label = forms.CharField(label=_("Label"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("benefit", _("Benefit")), ("cost", _("Cost"))])
    metric = forms.ChoiceField(label=_("Computed from platform data"), required=False)

    def __init__(self, *args, study: Study, **kwargs):
        super().__init__(*args, **kwargs)
        self.study = study
        self.fields["metric"].choices = [("", _("entered by hand"))] + [
            (k, m.label) for k, m in metrics.SITE_METRICS.items()
        ]

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.study.criteria.filter(key=key).exists():
            raise forms.ValidationError(_("This study already has a criterion with this key."))
        return key


class PairwiseForm(forms.Form):
    """One select per pair of criteria (i < j), on Saaty's scale with its reciprocal."""

    judge = forms.CharField(label=_("Judge"), max_length=120)
    accept_inconsistent = forms.BooleanField(
        label=_("Keep these judgements even if they are inconsistent (CR > 0.1)"), required=False
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.pairs = []
        for i, a in enumerate(self.criteria):
            for j in range(i + 1, len(self.criteria)):
                b = self.criteria[j]
                name = f"pair_{i}_{j}"
                self.fields[name] = forms.ChoiceField(
                    label=f"{a.label} / {b.label}", choices=saaty_choices(), initial="1"
                )
                self.pairs.append((name, a, b))

    def pair_fields(self):
        return [(self[name], a, b) for name, a, b in self.pairs]

    def judgements(self) -> dict[tuple[int, int], float]:
        out = {}
        for name, _a, _b in self.pairs:
            _p, i, j = name.split("_")
            out[(int(i), int(j))] = saaty_value(self.cleaned_data[name])
        return out


class BestWorstForm(forms.Form):
    judge = forms.CharField(label=_("Judge"), max_length=120)
    best = forms.ChoiceField(label=_("Most important criterion"))
    worst = forms.ChoiceField(label=_("Least important criterion"))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [(c.key, c.label) for c in self.criteria]
        self.fields["best"].choices = choices
        self.fields["worst"].choices = choices
        scale = [(str(v), str(v)) for v in range(1, 10)]
        for c in self.criteria:
            self.fields[f"bo_{c.key}"] = forms.TypedChoiceField(
                label=c.label, choices=scale, coerce=int, initial="1"
            )
            self.fields[f"ow_{c.key}"] = forms.TypedChoiceField(
                label=c.label, choices=scale, coerce=int, initial="1"
            )

    def rows(self):
        return [(c, self[f"bo_{c.key}"], self[f"ow_{c.key}"]) for c in self.criteria]

    def clean(self):
        data = super().clean()
        best, worst = data.get("best"), data.get("worst")
        if best and best == worst:
            raise forms.ValidationError(_("The most and the least important criterion must differ."))
        if best and worst:
            data[f"bo_{best}"] = 1
            data[f"ow_{worst}"] = 1
        return data

    def vectors(self) -> tuple[list[float], list[float]]:
        d = self.cleaned_data
        return [float(d[f"bo_{c.key}"]) for c in self.criteria], [
            float(d[f"ow_{c.key}"]) for c in self.criteria
        ]


class PortfolioForm(forms.Form):
    k = forms.IntegerField(label=_("Number of sites"), min_value=1, max_value=100, initial=3)
    budget = forms.FloatField(label=_("Budget (k EUR per year)"), min_value=0, initial=1500)
    max_per_country = forms.IntegerField(
        label=_("At most per country"), min_value=1, required=False, initial=1
    )
    score = forms.ChoiceField(
        label=_("Score"),
        choices=[
            ("compromise", _("Compromise ranking")),
            ("topsis", "TOPSIS"),
            ("promethee_ii", "PROMETHEE II"),
            ("vikor", "VIKOR"),
        ],
    )


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "description", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise forms.ValidationError(_("The plan must end after it starts."))
        return data


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "parent"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = plan.goals.all()
        self.fields["parent"].required = False


class TargetForm(forms.ModelForm):
    metric = forms.ChoiceField(label=_("Computed from"), required=False)
    metric_country = forms.ModelChoiceField(
        label=_("Metric: country"), queryset=Country.objects.all(), required=False, to_field_name="code"
    )
    metric_kind = forms.CharField(label=_("Metric: kind"), required=False, max_length=40)

    class Meta:
        model = Target
        fields = ["goal", "title", "unit", "baseline", "target_value", "start", "due", "manual_value"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "due": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["metric"].choices = [("", _("entered by hand"))] + [
            (k, m.label) for k, m in metrics.TARGET_METRICS.items()
        ]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("due") and data["due"] <= data["start"]:
            raise forms.ValidationError(_("The due date must be after the start."))
        metric = data.get("metric")
        params = {}
        if data.get("metric_country"):
            params["country"] = data["metric_country"].code
        if data.get("metric_kind"):
            params["kind"] = data["metric_kind"]
        if metric:
            allowed = metrics.TARGET_METRICS[metric].params
            bad = [p for p in params if p not in allowed]
            if bad:
                raise forms.ValidationError(
                    _("This metric does not take: {params}.").format(params=", ".join(bad))
                )
        data["metric_params"] = params
        return data


class ReadingForm(forms.Form):
    value = forms.FloatField(label=_("Current value"))


class ProgrammeForm(forms.ModelForm):
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"),
        queryset=Person.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "kind",
            "status",
            "country",
            "partners",
            "start",
            "end",
            "budget",
            "currency",
            "description",
            "outcomes",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        if self.instance.pk:
            self.fields["participants"].initial = [p.person_id for p in self.instance.participations.all()]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The programme cannot end before it starts."))
        return data


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))


class CalendarEventForm(forms.ModelForm):
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")

    class Meta:
        model = CalendarEvent
        fields = ["title", "kind", "country", "city", "start", "end", "url", "description"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The event cannot end before it starts."))
        return data
