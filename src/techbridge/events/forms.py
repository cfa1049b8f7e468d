"""Forms of events: parse and show input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.events.models import Event
from techbridge.events.services import EVENT_FIELDS


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "request_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "time_zone": _("IANA name, e.g. Asia/Shanghai or Europe/Warsaw; slot times are in this zone."),
            "request_deadline": _("In the platform's time zone (Beijing time by default)."),
            "max_meetings": _("Leave empty for no cap."),
        }


class RegistrationForm(forms.Form):
    profiles = forms.MultipleChoiceField(
        label=_("Profiles you bring"), required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Event-specific short description (what you offer or seek)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attends_virtually = forms.BooleanField(label=_("I attend virtually"), required=False)

    def __init__(self, *args, profiles=(), event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profiles"].choices = [
            (p.reference, f"{p.reference} · {p.display_title}") for p in profiles
        ]
        if event is not None and not event.virtual:
            del self.fields["attends_virtually"]
