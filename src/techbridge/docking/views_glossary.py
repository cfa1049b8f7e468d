"""The brokers' glossary page: terms of any language mapped onto English for cross-lingual matching."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.docking import selectors, services
from techbridge.docking.models import GlossaryEntry
from techbridge.marketplace import rules
from techbridge.marketplace.models import Language
from techbridge.web.pages import page_context


@login_required
def glossary(request: HttpRequest) -> HttpResponse:
    """List and search the glossary; a POST adds a term or changes the English of an existing one."""
    if not rules.is_broker(request.user):
        raise PermissionDenied(_("Only brokers curate the glossary."))
    form = {"language": "", "term": "", "english": "", "note": ""}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        form = {key: request.POST.get(key, "") for key in form}
        try:
            entry, created = services.glossary_entry_save(by=request.user, **form)
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            text = _("Added: %(term)s → %(english)s.") if created else _("Changed: %(term)s → %(english)s.")
            messages.success(request, text % {"term": entry.term, "english": entry.english})
            messages.info(request, _("The match indexes are being rebuilt with it; this takes a moment."))
            return redirect("glossary")
    qs = selectors.glossary_list(language=request.GET.get("language", ""), q=request.GET.get("q", ""))
    context = page_context(request, qs)
    context.update(languages=Language.choices, form=form, errors=errors)
    return render(request, "docking/glossary.html", context, status=400 if errors else 200)


@login_required
@require_POST
def glossary_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(GlossaryEntry, pk=pk)
    services.glossary_entry_delete(entry=entry, by=request.user)
    messages.success(request, _("Removed from the glossary: %(term)s.") % {"term": entry.term})
    return redirect("glossary")
