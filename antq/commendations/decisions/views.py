"""HTML views for decisions: record the decision of a proposal, and the decision as a document."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.commendations.decisions import documents, selectors, services
from antq.commendations.decisions.forms import DecisionForm
from antq.core.http import FormPage, Request

ACTION = "commendations/action.html"


@require_http_methods(["GET", "POST"])
def proposal_decide(request: Request, proposal_id: int) -> HttpResponse:
    context = selectors.decision_record_page(actor=request.actor, proposal_id=proposal_id)
    proposal, nominees = context["proposal"], context["nominees"]
    initial = {
        **context["defaults"],
        "version": proposal.version,
        "decided_on": timezone.localdate(),
        "awarded": [n.pk for n in nominees],
        "festival_site": proposal.festival_site_id or 0,
    }
    form = DecisionForm(request.POST or None, initial=initial, nominees=nominees, sites=context["sites"])
    page = FormPage(request, ACTION, {"form": form, "proposal": proposal, "title": _("Record the decision")})
    if page.submitted():
        version = form.cleaned_data["version"]
        services.proposal_decide(actor=request.actor, proposal_id=proposal.pk, version=version, data=form.to_input())
        messages.success(request, _("Decision recorded."))
        return redirect("commendations:detail", proposal_id=proposal.pk)
    return page.render()


def decision_docx(request: Request, proposal_id: int) -> HttpResponse:
    return documents.decision_docx_response(selectors.decision_get(actor=request.actor, proposal_id=proposal_id))


def decision_pdf(request: Request, proposal_id: int) -> HttpResponse:
    return documents.decision_pdf_response(selectors.decision_get(actor=request.actor, proposal_id=proposal_id))
