"""A held festival site's results: one column of big number inputs, made for a phone."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.http import FormPage, Request
from antq.reporting.results import selectors, services
from antq.reporting.results.forms import SiteResultsForm


@require_http_methods(["GET", "POST"])
def site_results(request: Request, site_id: int) -> HttpResponse:
    context = selectors.site_results_page(actor=request.actor, site_id=site_id)
    form = SiteResultsForm(request.POST or None, lines=context["lines"])
    stored = context["stored"]
    rows = [{"line": line, "box": form[line.field], "stored": stored.get(line.field)} for line in context["lines"]]
    page = FormPage(request, "reporting/results/site_results.html", {**context, "form": form, "rows": rows})
    if page.submitted():
        site = context["site"]
        services.site_results_save(
            actor=request.actor, site_id=site.pk, version=form.cleaned_data["version"], values=form.figures()
        )
        messages.success(request, _("Results saved; the site is reported and the commune's report follows."))
        return redirect("festivals:detail", site.pk)
    return page.render()
