"""HTML views for proposals: the list with counts, prepare and edit a proposal with its list, the
proposal with the actions the actor may take and its history, submit, forward, return, withdraw,
and the memo. Recording the decision: `antq.commendations.decisions.views`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.commendations.proposals import documents, selectors, services
from antq.commendations.proposals.forms import (
    NoteForm,
    ProposalEditForm,
    ProposalFilterForm,
    ProposalForm,
    ProposalWithList,
    ReturnForm,
    SubmitForm,
    WithdrawForm,
)
from antq.commendations.proposals.models import CommendationProposal
from antq.core.forms import VersionForm
from antq.core.http import FormPage, Request, query_string

LIST = "commendations/proposals/list.html"
FORM = "commendations/proposals/form.html"
DETAIL = "commendations/proposals/detail.html"
ACTION = "commendations/action.html"


class ProposalPage(FormPage):
    """The proposal form page: a service's errors go beside the proposal's fields or the row of
    the list they name."""

    def __init__(self, request: Request, title: str, proposal_form: ProposalWithList, **context: Any) -> None:
        super().__init__(
            request,
            FORM,
            {"form": proposal_form.form, "formset": proposal_form.formset, "title": title, **context},
        )
        self.form = proposal_form


def _posted_year(request: Request) -> int | None:
    try:
        return int(request.POST.get("year") or "") or None
    except ValueError:
        return None


def proposal_list(request: Request) -> HttpResponse:
    form = ProposalFilterForm(request.GET or None)
    context = selectors.proposal_list_page(actor=request.actor, filters=form.to_filter(), page=request.GET.get("page"))
    return render(request, LIST, {**context, "form": form, "qs": query_string(request)})


@require_http_methods(["GET", "POST"])
def proposal_create(request: Request) -> HttpResponse:
    context = selectors.proposal_create_page(
        actor=request.actor,
        unit_code=request.POST.get("unit") or request.GET.get("unit") or "",
        year=_posted_year(request),
    )
    proposal_form = ProposalWithList(
        request.POST if request.method == "POST" else None,
        form_class=ProposalForm,
        initial=context["initial"],
        rows=[{"kind": "collective"}, {"kind": "individual"}],
        units=context["units"],
        sites=context["sites"],
    )
    page = ProposalPage(request, _("Prepare a commendation proposal"), proposal_form)
    if page.submitted():
        proposal = services.proposal_create(
            actor=request.actor, unit_code=context["unit"].code, data=proposal_form.to_input()
        )
        messages.success(request, _("Proposal saved as a draft. A leader submits it when the memo is signed."))
        return redirect("commendations:detail", proposal_id=proposal.pk)
    return page.render()


@require_http_methods(["GET", "POST"])
def proposal_edit(request: Request, proposal_id: int) -> HttpResponse:
    context = selectors.proposal_edit_page(actor=request.actor, proposal_id=proposal_id, year=_posted_year(request))
    proposal: CommendationProposal = context["proposal"]
    proposal_form = ProposalWithList(
        request.POST if request.method == "POST" else None,
        form_class=ProposalEditForm,
        initial={**context["initial"], "version": proposal.version},
        rows=context["rows"],
        units=context["units"],
        sites=context["sites"],
    )
    page = ProposalPage(request, _("Edit the proposal"), proposal_form, proposal=proposal)
    if page.submitted():
        version = proposal_form.form.cleaned_data["version"]
        services.proposal_update(
            actor=request.actor, proposal_id=proposal.pk, version=version, data=proposal_form.to_input()
        )
        messages.success(request, _("Saved."))
        return redirect("commendations:detail", proposal_id=proposal.pk)
    return page.render()


def _action_forms(proposal: CommendationProposal) -> dict[str, VersionForm]:
    return {
        "submit_form": SubmitForm(
            initial={
                "version": proposal.version,
                "submitted_on": timezone.localdate(),
                "memo_number": proposal.memo_number,
            }
        ),
        "version_form": NoteForm(initial={"version": proposal.version}),
    }


def proposal_detail(request: Request, proposal_id: int) -> HttpResponse:
    context = selectors.proposal_detail_page(actor=request.actor, proposal_id=proposal_id)
    return render(request, DETAIL, {**context, **_action_forms(context["proposal"])})


def _act(
    request: Request,
    proposal_id: int,
    form: SubmitForm | NoteForm,
    service: Callable[..., object],
    done: str,
) -> HttpResponse:
    """A POST from the proposal's page. A refusal of the service shows the page again with the
    reason (the middleware); an incomplete form sends back to the page."""
    context = selectors.proposal_detail_page(actor=request.actor, proposal_id=proposal_id)
    posted = {"submit_form" if isinstance(form, SubmitForm) else "version_form": form, "form": form}
    page = FormPage(request, DETAIL, {**context, **_action_forms(context["proposal"]), **posted})
    if not page.submitted():
        messages.error(request, _("The form was incomplete; reload the page."))
    else:
        service(actor=request.actor, proposal_id=proposal_id, **form.arguments())
        messages.success(request, done)
    return redirect("commendations:detail", proposal_id=proposal_id)


@require_POST
def proposal_submit(request: Request, proposal_id: int) -> HttpResponse:
    form = SubmitForm(request.POST)
    return _act(request, proposal_id, form, services.proposal_submit, _("Proposal submitted."))


@require_POST
def proposal_forward(request: Request, proposal_id: int) -> HttpResponse:
    form = NoteForm(request.POST)
    return _act(request, proposal_id, form, services.proposal_forward, _("Proposal forwarded to the Ministry."))


@require_POST
def proposal_withdraw(request: Request, proposal_id: int) -> HttpResponse:
    form = WithdrawForm(request.POST)
    return _act(request, proposal_id, form, services.proposal_withdraw, _("Proposal withdrawn."))


@require_http_methods(["GET", "POST"])
def proposal_return(request: Request, proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_for_return(actor=request.actor, proposal_id=proposal_id)
    form = ReturnForm(request.POST or None, initial={"version": proposal.version})
    page = FormPage(request, ACTION, {"form": form, "proposal": proposal, "title": _("Return the proposal")})
    if page.submitted():
        data = form.cleaned_data
        services.proposal_return(
            actor=request.actor, proposal_id=proposal.pk, version=data["version"], reason=data["reason"]
        )
        messages.success(request, _("Proposal returned to %(unit)s.") % {"unit": proposal.unit.name})
        return redirect("commendations:detail", proposal_id=proposal.pk)
    return page.render()


def proposal_docx(request: Request, proposal_id: int) -> HttpResponse:
    return documents.proposal_docx_response(selectors.proposal_get(actor=request.actor, proposal_id=proposal_id))


def proposal_pdf(request: Request, proposal_id: int) -> HttpResponse:
    return documents.proposal_pdf_response(selectors.proposal_get(actor=request.actor, proposal_id=proposal_id))
