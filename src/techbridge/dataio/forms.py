"""Forms: the validation of imported organisations and people, and the upload form of the import page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.dataio.models import ImportKind, ImportMode
from techbridge.directory.models import City, Country, Organisation, Person, TaxonomyTerm


class OrganisationImportForm(forms.ModelForm):
    """An organisation row; references by country code, city key and taxonomy code."""

    country = forms.ModelChoiceField(queryset=Country.objects.all())
    city = forms.ModelChoiceField(queryset=City.objects.all(), to_field_name="key", required=False)
    sectors = forms.ModelMultipleChoiceField(
        queryset=TaxonomyTerm.objects.all(), to_field_name="code", required=False
    )
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Organisation
        fields = [
            "key",
            "name",
            "name_en",
            "kind",
            "country",
            "city",
            "size",
            "sectors",
            "website",
            "description",
            "founded",
        ]

    def validate_unique(self):
        """Keys are checked by the importer against the directory and the file (not one query per row)."""

    def clean(self):
        data = super().clean()
        city, country = data.get("city"), data.get("country")
        if city and country and city.country_id != country.pk:
            self.add_error(
                "city",
                _("The city '%(city)s' is in %(in)s, not in %(country)s.")
                % {"city": city.key, "in": city.country_id, "country": country.pk},
            )
        return data


class CordisOrganisationForm(OrganisationImportForm):
    """A CORDIS participant: the fields CORDIS knows (no sectors, so no many-to-many work per row)."""

    class Meta(OrganisationImportForm.Meta):
        fields = ["key", "name", "name_en", "kind", "country", "city", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("sectors", None)


class PersonImportForm(forms.ModelForm):
    """A person row; the affiliation by organisation key, expertise terms by taxonomy code."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), to_field_name="key", required=False
    )
    country = forms.ModelChoiceField(queryset=Country.objects.all())
    expertise_terms = forms.ModelMultipleChoiceField(
        queryset=TaxonomyTerm.objects.all(), to_field_name="code", required=False
    )

    class Meta:
        model = Person
        fields = [
            "key",
            "full_name",
            "kind",
            "title",
            "organisation",
            "country",
            "expertise",
            "expertise_terms",
            "availability",
            "email",
        ]

    def validate_unique(self):
        """Keys are checked by the importer against the directory and the file (not one query per row)."""


class UploadForm(forms.Form):
    """The import page: a file, the entity it holds and how to treat existing records."""

    kind = forms.ChoiceField(label=_("Entity"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File (CSV, XLSX or JSON)"), help_text=_("At most 20 MB. For CORDIS: the projects file.")
    )
    organisations_file = forms.FileField(
        label=_("CORDIS organisations file"),
        required=False,
        help_text=_("Only for CORDIS: organization.json or organization.csv."),
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=ImportMode.choices, initial=ImportMode.CREATE)
    status = forms.ChoiceField(
        label=_("Status of imported profiles"),
        initial="draft",
        choices=[("draft", _("Draft")), ("published", _("Published"))],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from techbridge.marketplace import rules

        if not rules.is_broker(user):
            # Members import profiles of their own organisation only, always as drafts.
            self.fields["kind"].choices = [(ImportKind.PROFILES.value, ImportKind.PROFILES.label)]
            self.fields["status"].choices = [("draft", _("Draft"))]

    def clean(self):
        data = super().clean()
        if data.get("kind") == ImportKind.CORDIS_PROJECTS and not data.get("organisations_file"):
            self.add_error("organisations_file", _("A CORDIS import needs the organisations file too."))
        return data
