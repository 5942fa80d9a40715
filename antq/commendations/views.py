"""HTML views for commendations: the list with counts, prepare and edit a proposal with its list
(rows added on the page, no script needed), the proposal with the actions the actor may take and
its history, submit, forward, return, decide, withdraw, and the documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.actor import Actor
from antq.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import form_add_errors, query_string, render_domain_error, request_actor
from antq.commendations import documents, permissions, selectors, services, wording
from antq.commendations.forms import (
    NOMINEE_FIELDS,
    DecisionForm,
    NomineeFormSet,
    NomineeInput,
    ProposalEditForm,
    ProposalFilterForm,
    ProposalForm,
    ReturnForm,
    SubmitForm,
    VersionForm,
)
from antq.commendations.models import CommendationProposal
from antq.commendations.selectors import ProposalFilter
from antq.units.models import Unit

PREFIX = "nominees"
ROWS_ADDED = 3


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = ProposalFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = ProposalFilter(
        year=data.get("year"),
        state=data.get("state") or "",
        unit_code=(data.get("unit") or "").strip(),
        award_form=data.get("award_form") or "",
        kind=data.get("kind") or "",
        query=data.get("q") or "",
    )
    page = Paginator(selectors.proposal_list(actor=actor, filters=filters), 50).get_page(request.GET.get("page"))
    counts = None
    if actor.grants:
        try:
            counts = selectors.award_counts(actor=actor, unit_code=filters.unit_code, year=filters.year)
        except DomainError:
            counts = None
    return render(
        request,
        "commendations/list.html",
        {
            "form": form,
            "page": page,
            "qs": query_string(request),
            "counts": counts,
            "can_prepare": bool(_unit_choices(actor)),
        },
    )


def _unit_choices(actor: Actor) -> list[tuple[str, str]]:
    units = Unit.objects.filter(
        code__in={g.unit_code for g in actor.grants}, kind__in=permissions.PROPOSER_KINDS, closed_on__isnull=True
    )
    return [(u.code, u.name) for u in units.order_by("path") if permissions.can_prepare_at(actor, u)]


def _bind_formset(request: HttpRequest, initial: list[dict[str, Any]], blank_rows: int) -> tuple[Any, bool]:
    """The nominee rows: as posted (with more blank rows when "Add rows" was pressed), or the
    stored rows plus a few blank ones."""
    if request.method != "POST":
        return NomineeFormSet(initial=initial + [{}] * blank_rows, prefix=PREFIX), False
    data: QueryDict = request.POST.copy()
    adding = "add_rows" in data
    if adding:
        total = int(data.get(f"{PREFIX}-TOTAL_FORMS") or 0)
        data[f"{PREFIX}-TOTAL_FORMS"] = str(min(total + ROWS_ADDED, 500))
    return NomineeFormSet(data, prefix=PREFIX), adding


def _form_data(request: HttpRequest, initial: dict[str, Any]) -> tuple[QueryDict | None, dict[str, Any]]:
    """(data, initial) for the proposal form: unbound but keeping what was typed when the page
    only adds rows, so no "required" errors show before the officer saves."""
    if request.method != "POST":
        return None, initial
    if "add_rows" in request.POST:
        return None, {**initial, **request.POST.dict()}
    return request.POST, initial


def _nominee_inputs(formset: Any) -> tuple[list[NomineeInput], list[int]]:
    """Filled rows as service inputs, and each one's position among the page's rows."""
    inputs: list[NomineeInput] = []
    positions: list[int] = []
    for index, row in enumerate(formset.forms):
        if row.is_blank():
            continue
        inputs.append(row.to_input())
        positions.append(index)
    return inputs, positions


def _place_errors(form: ProposalForm, formset: Any, positions: list[int], error: DomainError) -> None:
    """A service's errors beside the fields they name: `nominees.3.name` on the row shown fourth
    among the filled ones."""
    general: dict[str, str] = {}
    for key, message in error.errors.items():
        parts = key.split(".")
        if parts[0] == "nominees" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(positions):
            row = formset.forms[positions[int(parts[1])]]
            row.add_error(parts[2] if parts[2] in NOMINEE_FIELDS else None, message)
        elif key in form.fields:
            form.add_error(key, message)
        else:
            general[key] = message
    if general or not error.errors:
        form_add_errors(form, ValidationFailed(error.message if not error.errors else "", errors=general))


def _site_field(form: ProposalForm, actor: Actor, unit: Unit | None, year: int) -> None:
    choices: list[tuple[Any, str]] = [("", "—")]
    if unit is not None:
        choices += selectors.site_choices(actor=actor, unit=unit, year=year)
    form.fields["festival_site"].choices = choices  # type: ignore[attr-defined]


def _year_of(request: HttpRequest, default: int) -> int:
    try:
        return int(request.POST.get("year") or default)
    except ValueError:
        return default


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    choices = _unit_choices(actor)
    if not choices:
        return render_domain_error(
            request,
            Forbidden(_("Your roles do not allow preparing proposals; an officer of a commune or a province does.")),
        )
    code = request.POST.get("unit") or request.GET.get("unit") or choices[0][0]
    code = code if code in dict(choices) else choices[0][0]
    unit = Unit.objects.select_related("province").get(code=code)
    year = timezone.localdate().year
    initial = {"unit": code, "year": year, **wording.proposal_defaults(unit)}
    data, initial = _form_data(request, initial)
    form = ProposalForm(data, initial=initial)
    form.fields["unit"].choices = choices  # type: ignore[attr-defined]
    _site_field(form, actor, unit, _year_of(request, year))
    formset, adding = _bind_formset(request, [{"kind": "collective"}, {"kind": "individual"}], 1)
    if request.method == "POST" and not adding and form.is_valid() and formset.is_valid():
        nominees, positions = _nominee_inputs(formset)
        try:
            proposal = services.proposal_create(actor=actor, unit_code=code, data=form.to_input(nominees))
        except ValidationFailed as exc:
            _place_errors(form, formset, positions, exc)
        except DomainError as exc:
            return render_domain_error(request, exc)
        else:
            messages.success(request, _("Proposal saved as a draft. A leader submits it when the memo is signed."))
            return redirect("commendations:detail", proposal_id=proposal.pk)
    return render(
        request, "commendations/form.html", {"form": form, "formset": formset, "title": _("Prepare a commendation proposal")}
    )


@login_required
def proposal_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    actions = permissions.actions_for(actor, proposal)
    nominees = list(proposal.nominees.all())
    return render(
        request,
        "commendations/detail.html",
        {
            "proposal": proposal,
            "nominees": nominees,
            "decision": selectors.proposal_decision(proposal),
            "events": list(proposal.events.all()),
            "actions": actions,
            "acting_unit": permissions.acting_unit(proposal),
            "submit_form": SubmitForm(
                initial={
                    "version": proposal.version,
                    "submitted_on": timezone.localdate(),
                    "memo_number": proposal.memo_number,
                }
            ),
            "version_form": VersionForm(initial={"version": proposal.version}),
            "collectives": sum(1 for n in nominees if n.kind == "collective"),
            "individuals": sum(1 for n in nominees if n.kind == "individual"),
        },
    )


def _for_action(
    request: HttpRequest, proposal_id: int, allowed: Callable[[Actor, CommendationProposal], bool], refusal: str
) -> tuple[Actor, CommendationProposal]:
    actor = request_actor(request)
    proposal = selectors.proposal_get(actor=actor, proposal_id=proposal_id)
    if not allowed(actor, proposal):
        raise Forbidden(refusal)
    return actor, proposal


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        actor, proposal = _for_action(
            request, proposal_id, permissions.can_edit_proposal, _("Your role does not allow editing this proposal.")
        )
    except DomainError as exc:
        return render_domain_error(request, exc)
    if not proposal.is_editable:
        return render_domain_error(
            request, ValidationFailed(_("Only a draft or a returned proposal is edited; this one is not."))
        )
    fields = ("year", "authority_level", "title", "reasons", *ProposalForm.HEADER)
    initial = {name: getattr(proposal, name) for name in fields}
    initial.update(unit=proposal.unit.code, festival_site=proposal.festival_site_id, version=proposal.version)
    data, initial = _form_data(request, initial)
    form = ProposalEditForm(data, initial=initial)
    form.fields["unit"].choices = [(proposal.unit.code, proposal.unit.name)]  # type: ignore[attr-defined]
    _site_field(form, actor, proposal.unit, _year_of(request, proposal.year))
    rows = [{name: getattr(n, name) for name in NOMINEE_FIELDS} for n in proposal.nominees.all()]
    formset, adding = _bind_formset(request, rows, 1)
    if request.method == "POST" and not adding and form.is_valid() and formset.is_valid():
        nominees, positions = _nominee_inputs(formset)
        try:
            services.proposal_update(
                actor=actor, proposal=proposal, version=form.cleaned_data["version"], data=form.to_input(nominees)
            )
        except DomainError as exc:
            if not isinstance(exc, ValidationFailed) and exc.status != 409:
                return render_domain_error(request, exc)
            _place_errors(form, formset, positions, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("commendations:detail", proposal_id=proposal.pk)
    return render(
        request,
        "commendations/form.html",
        {"form": form, "formset": formset, "proposal": proposal, "title": _("Edit the proposal")},
    )


def _post_action(
    request: HttpRequest,
    proposal_id: int,
    allowed: Callable[[Actor, CommendationProposal], bool],
    act: Callable[[Actor, CommendationProposal, dict[str, Any]], object],
    form_class: type[SubmitForm] | type[VersionForm],
    done: str,
) -> HttpResponse:
    """A POST from the proposal's page: check the role, run the service, go back to the page."""
    try:
        actor, proposal = _for_action(
            request, proposal_id, allowed, _("Your role does not allow this action on this proposal.")
        )
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page."))
        return redirect("commendations:detail", proposal_id=proposal.pk)
    try:
        act(actor, proposal, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("commendations:detail", proposal_id=proposal.pk)


@login_required
@require_POST
def proposal_submit(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _post_action(
        request,
        proposal_id,
        permissions.can_submit_proposal,
        lambda a, p, d: services.proposal_submit(
            actor=a,
            proposal=p,
            version=d["version"],
            submitted_on=d.get("submitted_on"),
            memo_number=d.get("memo_number") or None,  # left empty: keep the number entered before
        ),
        SubmitForm,
        _("Proposal submitted."),
    )


@login_required
@require_POST
def proposal_forward(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _post_action(
        request,
        proposal_id,
        permissions.can_forward_proposal,
        lambda a, p, d: services.proposal_forward(actor=a, proposal=p, version=d["version"], note=d.get("note") or ""),
        VersionForm,
        _("Proposal forwarded to the Ministry."),
    )


@login_required
@require_POST
def proposal_withdraw(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _post_action(
        request,
        proposal_id,
        permissions.can_withdraw_proposal,
        lambda a, p, d: services.proposal_withdraw(
            actor=a, proposal=p, version=d["version"], reason=d.get("note") or ""
        ),
        VersionForm,
        _("Proposal withdrawn."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_return(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        actor, proposal = _for_action(
            request, proposal_id, permissions.can_return_proposal, _("Your role does not allow returning it.")
        )
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = ReturnForm(request.POST or None, initial={"version": proposal.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_return(
                actor=actor, proposal=proposal, version=form.cleaned_data["version"], reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            if not isinstance(exc, ValidationFailed) and exc.status != 409:
                return render_domain_error(request, exc)
            form_add_errors(form, exc)
        else:
            messages.success(request, _("Proposal returned to %(unit)s.") % {"unit": proposal.unit.name})
            return redirect("commendations:detail", proposal_id=proposal.pk)
    return render(
        request, "commendations/action.html", {"form": form, "proposal": proposal, "title": _("Return the proposal")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        actor, proposal = _for_action(
            request, proposal_id, permissions.can_decide_proposal, _("Your role does not allow deciding it.")
        )
    except DomainError as exc:
        return render_domain_error(request, exc)
    nominees = list(proposal.nominees.all())
    initial: dict[str, Any] = {
        **services.decision_defaults_for(proposal),
        "version": proposal.version,
        "decided_on": timezone.localdate(),
        "awarded": [n.pk for n in nominees],
        "festival_site": proposal.festival_site_id or 0,
    }
    form = DecisionForm(request.POST or None, initial=initial)
    form.fields["awarded"].choices = [  # type: ignore[attr-defined]
        (n.pk, f"{n.name} — {n.get_award_form_display()}") for n in nominees
    ]
    sites = [(0, "—"), *selectors.site_choices(actor=actor, unit=proposal.unit, year=proposal.year)]
    form.fields["festival_site"].choices = sites  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_decide(
                actor=actor, proposal=proposal, version=form.cleaned_data["version"], data=form.to_input()
            )
        except DomainError as exc:
            if not isinstance(exc, ValidationFailed) and exc.status != 409:
                return render_domain_error(request, exc)
            form_add_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("commendations:detail", proposal_id=proposal.pk)
    return render(
        request,
        "commendations/action.html",
        {"form": form, "proposal": proposal, "title": _("Record the decision")},
    )


@login_required
def proposal_docx(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        return documents.proposal_docx_response(
            selectors.proposal_get(actor=request_actor(request), proposal_id=proposal_id)
        )
    except DomainError as exc:
        return render_domain_error(request, exc)


@login_required
def proposal_pdf(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        return documents.proposal_pdf_response(
            selectors.proposal_get(actor=request_actor(request), proposal_id=proposal_id)
        )
    except DomainError as exc:
        return render_domain_error(request, exc)


@login_required
def decision_docx(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        return documents.decision_docx_response(
            selectors.decision_get(actor=request_actor(request), proposal_id=proposal_id)
        )
    except DomainError as exc:
        return render_domain_error(request, exc)


@login_required
def decision_pdf(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        return documents.decision_pdf_response(
            selectors.decision_get(actor=request_actor(request), proposal_id=proposal_id)
        )
    except DomainError as exc:
        return render_domain_error(request, exc)
