"""The profile form: one validation for the web UI, the API and the importers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.directory.models import Country, OrganisationKind, TaxonomyScheme, TaxonomyTerm
from techbridge.marketplace.models import PartnershipType, Profile


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Taxonomy terms as checkboxes; sub-terms are indented under their parent."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: TaxonomyTerm) -> str:
        return f"\u2003{obj.label}" if obj.parent_id else obj.label


TRANSLATION_LANGUAGES = [("", "-"), ("en", "English"), ("zh", "中文")]


class ProfileForm(forms.ModelForm):
    partnership_types = forms.MultipleChoiceField(
        label=_("Partnership types sought"),
        choices=PartnershipType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_kinds = forms.MultipleChoiceField(
        label=_("Expected partner type"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    technology_keywords = TermChoiceField(
        label=_("Technology keywords"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        to_field_name="code",
    )
    market_keywords = TermChoiceField(
        label=_("Market keywords"), queryset=TaxonomyTerm.objects.none(), required=False, to_field_name="code"
    )
    target_countries = forms.ModelMultipleChoiceField(
        label=_("Target countries"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    translation_language = forms.ChoiceField(
        label=_("Translation into"), choices=TRANSLATION_LANGUAGES, required=False
    )
    translation_title = forms.CharField(label=_("Translated title"), max_length=200, required=False)
    translation_summary = forms.CharField(
        label=_("Translated summary"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
        help_text=_("At most 500 characters, public: no contact details."),
    )

    class Meta:
        model = Profile
        fields = [
            "kind",
            "title",
            "summary",
            "description",
            "language",
            "technology_keywords",
            "market_keywords",
            "trl",
            "ipr_status",
            "partnership_types",
            "target_countries",
            "partner_kinds",
            "confidential_details",
            "deadline",
            "expires_at",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "confidential_details": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "expires_at": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        terms = TaxonomyTerm.objects.select_related("parent")
        self.fields["technology_keywords"].queryset = terms.filter(scheme=TaxonomyScheme.TECHNOLOGY)
        self.fields["market_keywords"].queryset = terms.filter(scheme=TaxonomyScheme.MARKET)
        if self.instance.pk and self.instance.translations:
            lang, text = next(iter(self.instance.translations.items()))
            self.initial.update(
                translation_language=lang,
                translation_title=text.get("title", ""),
                translation_summary=text.get("summary", ""),
            )
        self.fields["trl"].widget = forms.Select(
            choices=[("", "-")] + [(i, f"TRL {i}") for i in range(1, 10)]
        )

    def clean(self):
        cleaned = super().clean()
        lang = cleaned.get("translation_language")
        title, summary = cleaned.get("translation_title"), cleaned.get("translation_summary")
        if (title or summary) and not lang:
            self.add_error("translation_language", _("Choose the language of the translation."))
        if lang and lang == cleaned.get("language"):
            self.add_error(
                "translation_language", _("The translation must be in another language than the text.")
            )
        return cleaned

    def translations(self) -> dict:
        """The translations field's value from the translation inputs (one translation per form)."""
        c = self.cleaned_data
        if not c.get("translation_language") or not (
            c.get("translation_title") or c.get("translation_summary")
        ):
            return {}
        return {
            c["translation_language"]: {
                "title": c.get("translation_title", ""),
                "summary": c.get("translation_summary", ""),
            }
        }

    def model_data(self) -> dict:
        """cleaned_data restricted to the model's fields, with translations."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("translation_")}
        data["translations"] = self.translations()
        return data

    def save(self, commit: bool = True):
        self.instance.translations = self.translations()
        return super().save(commit=commit)
