"""HTML views for plans: list, write a draft, issue, amend, close, tasks, the progress board and the
official document. Each view gets through a selector, acts through a service and renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.actor import Actor
from antq.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from antq.core.http import form_add_errors, render_domain_error, request_actor
from antq.plans import documents, permissions, selectors, services
from antq.plans.forms import (
    AttachmentForm,
    PlanAmendForm,
    PlanContentForm,
    PlanCreateForm,
    PlanEditForm,
    PlanFilterForm,
    PlanIssueForm,
    TaskDoneForm,
    TaskForm,
    VersionForm,
)
from antq.plans.models import CONTENT_FIELDS, IN_FORCE_STATES, Plan, PlanState, PlanTask, PlanTaskCompletion
from antq.units.models import Unit


def _forbidden(plan: Plan) -> Forbidden:
    return Forbidden(_("Your role at %(unit)s does not allow writing its plans.") % {"unit": plan.issuer.name})


def _submit(form: forms.Form, action: Callable[[], Any]) -> Any:
    """Run a service for a valid form; field errors and conflicts go back onto the form."""
    try:
        return action()
    except ValidationFailed as exc:
        form_add_errors(form, exc)
    except DomainError as exc:
        if exc.status != 409:
            raise
        form_add_errors(form, exc)
    return None


def _content(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in CONTENT_FIELDS}


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = PlanFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    plans = selectors.plan_list(
        actor=actor,
        year=data.get("year"),
        state=data.get("state") or None,
        level=data.get("level") or None,
        query=data.get("q", ""),
    )
    page = Paginator(plans, 50).get_page(request.GET.get("page"))
    can_write = bool(_issuer_choices(actor, None))
    return render(request, "plans/list.html", {"form": form, "page": page, "can_write": can_write})


def _issuer_choices(actor: Actor, extra_code: str | None) -> list[tuple[str, str]]:
    codes = {g.unit_code for g in actor.grants}
    if extra_code:
        codes.add(extra_code)
    units = Unit.objects.filter(code__in=codes, kind__in=permissions.ISSUER_KINDS, closed_on__isnull=True)
    return [(u.code, u.name) for u in units.order_by("path") if permissions.can_issue_plans_at(actor, u)]


def _parent_choices(actor: Actor, issuer: Unit | None, year: int | None) -> list[tuple[Any, str]]:
    if issuer is None:
        return [("", "—")]
    plans = selectors.plan_parent_choices(actor=actor, issuer=issuer, year=year)
    return [("", "—")] + [(p.pk, f"{p.reference} ({p.year}) – {p.title[:80]}") for p in plans]


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    issuer_code = request.POST.get("issuer") or request.GET.get("issuer")
    choices = _issuer_choices(actor, issuer_code)
    if not choices:
        return render_domain_error(request, Forbidden(_("Your roles do not allow writing plans.")))
    issuer_code = issuer_code if issuer_code in dict(choices) else choices[0][0]
    issuer = Unit.objects.get(code=issuer_code)
    year = timezone.localdate().year
    try:
        year = int(request.POST.get("year") or request.GET.get("year") or year)
    except ValueError:
        pass
    initial: dict[str, Any] = {"issuer": issuer_code, "year": year, **services.plan_defaults_for(issuer)}
    parents = _parent_choices(actor, issuer, None)
    if len(parents) > 1:
        initial["parent_plan"] = parents[1][0]
        parent = Plan.objects.get(pk=parents[1][0])
        initial.update(window_start=parent.window_start, window_end=parent.window_end, year=parent.year)
        initial["title"] = parent.title
    form = PlanCreateForm(request.POST or None, initial=initial)
    form.fields["issuer"].choices = choices  # type: ignore[attr-defined]
    form.fields["parent_plan"].choices = parents  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code, parent_id = data.pop("issuer"), data.pop("parent_plan")
        try:
            plan = _submit(
                form, lambda: services.plan_create(actor=actor, issuer_code=code, data=data, parent_plan_id=parent_id)
            )
        except DomainError as exc:
            return render_domain_error(request, exc)
        if plan is not None:
            messages.success(request, _("Draft saved. Add tasks, then issue it with its number."))
            return redirect("plans:detail", plan_id=plan.pk)
    return render(request, "plans/form.html", {"form": form, "title": _("Write a plan")})


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    can_write = permissions.can_write_plan(actor, plan)
    tasks = selectors.plan_tasks(plan=plan)
    # Units below the issuer where the actor works: they mark their own part of each task done.
    my_units = [
        u
        for u in services.units_one_level_below(plan.issuer).filter(code__in=[g.unit_code for g in actor.grants])
        if permissions.can_complete_task(actor, None, u)
    ]
    done = set(PlanTaskCompletion.objects.filter(task__plan=plan, unit__in=my_units).values_list("task_id", "unit_id"))
    for task in tasks:
        task.mine = [  # type: ignore[attr-defined]
            (u, (task.pk, u.pk) in done) for u in my_units if task.assignee_id in (None, u.pk)
        ]
    context = {
        "plan": plan,
        "can_write": can_write,
        "tasks": tasks,
        "revisions": plan.revisions.select_related("created_by").order_by("-revision"),
        "children": plan.child_plans.select_related("issuer")
        .exclude(state=PlanState.DRAFT)
        .order_by("issuer__path")[:200],
        "basis": services.plan_basis_sentence(plan),
        "task_form": TaskForm(initial={"version": plan.version}),
        "version_form": VersionForm(initial={"version": plan.version}),
        "attachment_form": AttachmentForm(),
        "my_units": my_units,
        "in_force": plan.state in IN_FORCE_STATES,
        "can_write_below": bool(_issuer_choices(actor, None)) and plan.state in IN_FORCE_STATES,
        "today": timezone.localdate(),
    }
    return render(request, "plans/detail.html", context)


def _plan_for_write(request: HttpRequest, plan_id: int) -> tuple[Actor, Plan]:
    actor = request_actor(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    if not permissions.can_write_plan(actor, plan):
        raise _forbidden(plan)
    return actor, plan


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        actor, plan = _plan_for_write(request, plan_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    if plan.state != PlanState.DRAFT:
        return redirect("plans:amend", plan_id=plan.pk)
    initial = {
        **plan.content_snapshot(),
        "version": plan.version,
        "parent_plan": plan.parent_plan_id,
        "symbol": plan.symbol,
    }
    form = PlanEditForm(request.POST or None, initial=initial)
    form.fields["parent_plan"].choices = _parent_choices(actor, plan.issuer, None)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, parent_id = data.pop("version"), data.pop("parent_plan")
        changes = {**_content(data), "symbol": data["symbol"]}
        try:
            saved = _submit(
                form,
                lambda: services.plan_update(
                    actor=actor, plan=plan, version=version, changes=changes, parent_plan_id=parent_id, set_parent=True
                ),
            )
        except DomainError as exc:
            return render_domain_error(request, exc)
        if saved is not None:
            messages.success(request, _("Draft saved."))
            return redirect("plans:detail", plan_id=plan.pk)
    return render(request, "plans/form.html", {"form": form, "plan": plan, "title": _("Edit the draft")})


@login_required
@require_http_methods(["GET", "POST"])
def plan_amend(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        actor, plan = _plan_for_write(request, plan_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    if plan.state not in IN_FORCE_STATES:
        return render_domain_error(request, ValidationFailed(_("Only a plan in force can be amended.")))
    form = PlanAmendForm(request.POST or None, initial={**plan.content_snapshot(), "version": plan.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        changes = {
            k: v
            for k, v in _content(data).items()
            if v != getattr(plan, k) and not (v is None and getattr(plan, k) == "")
        }
        try:
            saved = _submit(
                form,
                lambda: services.plan_amend(
                    actor=actor,
                    plan=plan,
                    version=data["version"],
                    changes=changes,
                    reason=data["reason"],
                    reference=data.get("reference", ""),
                    effective_on=data.get("effective_on"),
                ),
            )
        except DomainError as exc:
            return render_domain_error(request, exc)
        if saved is not None:
            messages.success(request, _("Amendment saved; the earlier text stays in the history."))
            return redirect("plans:detail", plan_id=plan.pk)
    return render(request, "plans/form.html", {"form": form, "plan": plan, "title": _("Amend the plan")})


@login_required
@require_http_methods(["GET", "POST"])
def plan_issue(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        actor, plan = _plan_for_write(request, plan_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = PlanIssueForm(
        request.POST or None,
        initial={"version": plan.version, "signer_name": plan.signer_name, "issued_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = _submit(
                form,
                lambda: services.plan_issue(
                    actor=actor,
                    plan=plan,
                    version=data["version"],
                    number=data["number"],
                    issued_on=data["issued_on"],
                    signer_name=data.get("signer_name", ""),
                ),
            )
        except DomainError as exc:
            return render_domain_error(request, exc)
        if saved is not None:
            messages.success(request, _("Plan %(ref)s issued.") % {"ref": saved.reference})
            return redirect("plans:detail", plan_id=plan.pk)
    return render(
        request, "plans/form.html", {"form": form, "plan": plan, "title": _("Issue the plan"), "narrow": True}
    )


def _simple_post(
    request: HttpRequest, plan_id: int, act: Callable[[Actor, Plan, int], Any], done: str, after: str = "detail"
) -> HttpResponse:
    """A POST that only carries the plan's version: run `act`, then go to the plan (or the list)."""
    try:
        actor, plan = _plan_for_write(request, plan_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return render_domain_error(request, ValidationFailed(_("The form was incomplete; reload the page.")))
    try:
        act(actor, plan, form.cleaned_data["version"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan_id=plan.pk)
    messages.success(request, done)
    return redirect("plans:list") if after == "list" else redirect("plans:detail", plan_id=plan.pk)


@login_required
@require_POST
def plan_close(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _simple_post(
        request, plan_id, lambda a, p, v: services.plan_close(actor=a, plan=p, version=v), _("Plan closed.")
    )


@login_required
@require_POST
def plan_delete(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _simple_post(
        request,
        plan_id,
        lambda a, p, v: services.plan_delete_draft(actor=a, plan=p, version=v),
        _("Draft deleted."),
        after="list",
    )


@login_required
@require_POST
def plan_attach(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        actor, plan = _plan_for_write(request, plan_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("plans:detail", plan_id=plan.pk)
    try:
        services.plan_attach(actor=actor, plan=plan, upload=form.cleaned_data["attachment"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Signed scan attached."))
    return redirect("plans:detail", plan_id=plan.pk)


@login_required
def plan_attachment(request: HttpRequest, plan_id: int) -> HttpResponse | FileResponse:
    try:
        plan = selectors.plan_get(actor=request_actor(request), plan_id=plan_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    if not plan.attachment:
        return render_domain_error(request, NotFound(_("This plan has no signed scan attached.")))
    name = plan.attachment.name.rsplit("/", 1)[-1]
    return FileResponse(plan.attachment.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def task_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        actor, plan = _plan_for_write(request, plan_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = TaskForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_add(
                actor=actor,
                plan=plan,
                version=data["version"],
                description=data["description"],
                due_on=data["due_on"],
                assignee_code=data.get("assignee") or None,
                reason=data.get("reason", ""),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Task added."))
    else:
        messages.error(
            request,
            "; ".join(
                f"{form.fields[k].label}: {' '.join(str(e) for e in v)}"
                for k, v in form.errors.items()
                if k in form.fields
            ),
        )
    return redirect("plans:detail", plan_id=plan.pk)


@login_required
@require_POST
def task_remove(request: HttpRequest, plan_id: int, task_id: int) -> HttpResponse:
    try:
        actor, plan = _plan_for_write(request, plan_id)
        task = plan.tasks.get(pk=task_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    except PlanTask.DoesNotExist:
        return render_domain_error(request, NotFound())
    try:
        services.task_remove(
            actor=actor, task=task, version=int(request.POST.get("version", 0)), reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Task removed."))
    return redirect("plans:detail", plan_id=plan.pk)


@login_required
@require_POST
def task_done(request: HttpRequest, plan_id: int, task_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        plan = selectors.plan_get(actor=actor, plan_id=plan_id)
        task = plan.tasks.select_related("plan__issuer", "assignee").filter(pk=task_id).first()
        if task is None:
            raise NotFound()
    except NotFound as exc:
        return render_domain_error(request, exc)
    form = TaskDoneForm(request.POST)
    if not form.is_valid():
        return render_domain_error(request, ValidationFailed(_("The form was incomplete; reload the page.")))
    data = form.cleaned_data
    try:
        if request.POST.get("undo"):
            services.task_reopen(actor=actor, task=task, unit_code=data["unit"])
        else:
            services.task_complete(
                actor=actor, task=task, unit_code=data["unit"], done_on=data.get("done_on"), note=data.get("note", "")
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("plans:detail", plan_id=plan.pk)


@login_required
def plan_board(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    late_only = request.GET.get("late") == "1"
    board = selectors.plan_board(actor=actor, plan=plan, late_only=late_only)
    return render(request, "plans/board.html", {"plan": plan, "board": board, "late_only": late_only})


@login_required
def plan_docx(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        plan = selectors.plan_get(actor=request_actor(request), plan_id=plan_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    return documents.docx_response(plan)


@login_required
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        plan = selectors.plan_get(actor=request_actor(request), plan_id=plan_id)
        return documents.pdf_response(plan)
    except DomainError as exc:
        return render_domain_error(request, exc)


__all__ = ["PlanContentForm"]
