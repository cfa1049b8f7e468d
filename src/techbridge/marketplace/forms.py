"""The profile form: one validation for the web UI, the API and the importers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.directory.models import Country, OrganisationKind, TaxonomyScheme, TaxonomyTerm
from techbridge.marketplace.models import PartnershipType, Profile


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
    technology_keywords = forms.ModelMultipleChoiceField(
        label=_("Technology keywords"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        to_field_name="code",
    )
    market_keywords = forms.ModelMultipleChoiceField(
        label=_("Market keywords"), queryset=TaxonomyTerm.objects.none(), required=False, to_field_name="code"
    )
    target_countries = forms.ModelMultipleChoiceField(
        label=_("Target countries"), queryset=Country.objects.all(), required=False
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
        self.fields["trl"].widget = forms.Select(
            choices=[("", "-")] + [(i, f"TRL {i}") for i in range(1, 10)]
        )
