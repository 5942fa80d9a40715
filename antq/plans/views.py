"""HTML views for plans: list, write a draft, issue, amend, close, tasks, the progress board and the
official document. Each view gets its page from a selector, acts through a service and renders;
domain errors become pages in the middleware (a refused action on the plan's page shows that
page again with the error, `FormPage`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.forms import VersionForm
from antq.core.http import FormPage, Request
from antq.plans import documents, selectors, services
from antq.plans.forms import (
    AttachmentForm,
    PlanAmendForm,
    PlanCreateForm,
    PlanEditForm,
    PlanFilterForm,
    PlanIssueForm,
    TaskDoneForm,
    TaskForm,
    TaskRemoveForm,
)


def _year(raw: str | None) -> int | None:
    try:
        return int(raw or "")
    except ValueError:
        return None


def plan_list(request: Request) -> HttpResponse:
    form = PlanFilterForm(request.GET or None)
    context = selectors.plan_list_page(actor=request.actor, filters=form.to_filter(), page=request.GET.get("page"))
    return render(request, "plans/list.html", {"form": form, **context})


@require_http_methods(["GET", "POST"])
def plan_create(request: Request) -> HttpResponse:
    issuer_code = request.POST.get("issuer") or request.GET.get("issuer")
    year = _year(request.POST.get("year") or request.GET.get("year"))
    context = selectors.plan_create_page(actor=request.actor, issuer_code=issuer_code, year=year)
    form = PlanCreateForm(
        request.POST or None, initial=context["initial"], issuers=context["issuers"], parents=context["parents"]
    )
    page = FormPage(request, "plans/form.html", {"form": form, "title": _("Write a plan")})
    if page.submitted():
        plan = services.plan_create(actor=request.actor, issuer_code=form.cleaned_data["issuer"], data=form.to_input())
        messages.success(request, _("Draft saved. Add tasks, then issue it with its number."))
        return redirect("plans:detail", plan_id=plan.pk)
    return page.render()


def plan_detail(request: Request, plan_id: int) -> HttpResponse:
    context = selectors.plan_detail_page(actor=request.actor, plan_id=plan_id)
    return render(request, "plans/detail.html", {**context, **_detail_forms(context["plan"].version)})


def _detail_forms(version: int) -> dict[str, forms.Form]:
    return {
        "task_form": TaskForm(initial={"version": version}),
        "version_form": VersionForm(initial={"version": version}),
        "attachment_form": AttachmentForm(),
    }


def _detail_action(request: Request, plan_id: int, form: forms.Form, *, writing: bool = True, **extra: Any) -> FormPage:
    """The plan's page around the form of an action taken on it: shown again with the form's
    errors when the form or the service refuses the action."""
    context = selectors.plan_detail_page(actor=request.actor, plan_id=plan_id, writing=writing)
    forms_ = _detail_forms(context["plan"].version)
    return FormPage(request, "plans/detail.html", {**context, **forms_, "form": form, **extra})


@require_http_methods(["GET", "POST"])
def plan_edit(request: Request, plan_id: int) -> HttpResponse:
    context = selectors.plan_edit_page(actor=request.actor, plan_id=plan_id)
    plan = context["plan"]
    if not plan.is_editable_draft:
        return redirect("plans:amend", plan_id=plan.pk)
    form = PlanEditForm(request.POST or None, initial=context["initial"], parents=context["parents"])
    page = FormPage(request, "plans/form.html", {"form": form, "plan": plan, "title": _("Edit the draft")})
    if page.submitted():
        data = form.to_input(plan)
        services.plan_update(actor=request.actor, plan_id=plan.pk, version=form.cleaned_data["version"], data=data)
        messages.success(request, _("Draft saved."))
        return redirect("plans:detail", plan_id=plan.pk)
    return page.render()


@require_http_methods(["GET", "POST"])
def plan_amend(request: Request, plan_id: int) -> HttpResponse:
    plan = selectors.plan_for_amending(actor=request.actor, plan_id=plan_id)
    form = PlanAmendForm(request.POST or None, initial={**plan.content_snapshot(), "version": plan.version})
    page = FormPage(request, "plans/form.html", {"form": form, "plan": plan, "title": _("Amend the plan")})
    if page.submitted():
        data = form.cleaned_data
        services.plan_amend(
            actor=request.actor,
            plan_id=plan.pk,
            version=data["version"],
            data=form.to_input(plan),
            reason=data["reason"],
            reference=data.get("reference", ""),
            effective_on=data.get("effective_on"),
        )
        messages.success(request, _("Amendment saved; the earlier text stays in the history."))
        return redirect("plans:detail", plan_id=plan.pk)
    return page.render()


@require_http_methods(["GET", "POST"])
def plan_issue(request: Request, plan_id: int) -> HttpResponse:
    plan = selectors.plan_for_writing(actor=request.actor, plan_id=plan_id)
    initial = {"version": plan.version, "signer_name": plan.signer_name, "issued_on": timezone.localdate()}
    form = PlanIssueForm(request.POST or None, initial=initial)
    context = {"form": form, "plan": plan, "title": _("Issue the plan"), "narrow": True}
    page = FormPage(request, "plans/form.html", context)
    if page.submitted():
        data = form.cleaned_data
        issued = services.plan_issue(
            actor=request.actor,
            plan_id=plan.pk,
            version=data["version"],
            number=data["number"],
            issued_on=data["issued_on"],
            signer_name=data.get("signer_name", ""),
        )
        messages.success(request, _("Plan %(ref)s issued.") % {"ref": issued.reference})
        return redirect("plans:detail", plan_id=plan.pk)
    return page.render()


def _confirm(request: Request, plan_id: int, action: str) -> HttpResponse:
    """The question before a final step (closing a plan, deleting a draft), with what it does; its
    form posts to the same address. A plan the step does not apply to goes back to its page."""
    plan = selectors.plan_for_writing(actor=request.actor, plan_id=plan_id)
    if not (plan.is_in_force if action == "close" else plan.is_editable_draft):
        return redirect("plans:detail", plan_id=plan_id)
    context = {"plan": plan, "action": action, "version_form": VersionForm(initial={"version": plan.version})}
    return render(request, "plans/confirm.html", context)


@require_http_methods(["GET", "POST"])
def plan_close(request: Request, plan_id: int) -> HttpResponse:
    """GET asks first (what closing means); POST closes."""
    if request.method == "GET":
        return _confirm(request, plan_id, "close")
    page = _detail_action(request, plan_id, VersionForm(request.POST))
    if page.submitted():
        services.plan_close(actor=request.actor, plan_id=plan_id, version=page.form.cleaned_data["version"])
        messages.success(request, _("Plan closed."))
        return redirect("plans:detail", plan_id=plan_id)
    return page.render()


@require_http_methods(["GET", "POST"])
def plan_delete(request: Request, plan_id: int) -> HttpResponse:
    """GET asks first; POST deletes the draft."""
    if request.method == "GET":
        return _confirm(request, plan_id, "delete")
    page = _detail_action(request, plan_id, VersionForm(request.POST))
    if page.submitted():
        services.plan_delete(actor=request.actor, plan_id=plan_id, version=page.form.cleaned_data["version"])
        messages.success(request, _("Draft deleted."))
        return redirect("plans:list")
    return page.render()


@require_POST
def plan_attach(request: Request, plan_id: int) -> HttpResponse:
    page = _detail_action(request, plan_id, AttachmentForm(request.POST, request.FILES))
    if page.submitted():
        services.plan_attach(actor=request.actor, plan_id=plan_id, upload=page.form.cleaned_data["attachment"])
        messages.success(request, _("Signed scan attached."))
        return redirect("plans:detail", plan_id=plan_id)
    return page.render()


def plan_attachment(request: Request, plan_id: int) -> FileResponse:
    scan = selectors.plan_attachment(actor=request.actor, plan_id=plan_id)
    return FileResponse(scan.open("rb"), as_attachment=True, filename=(scan.name or "").rsplit("/", 1)[-1])


@require_POST
def task_add(request: Request, plan_id: int) -> HttpResponse:
    form = TaskForm(request.POST)
    page = _detail_action(request, plan_id, form, task_form=form, task_open=True)
    if page.submitted():
        data = form.cleaned_data
        services.task_add(
            actor=request.actor,
            plan_id=plan_id,
            version=data["version"],
            data=form.to_input(),
            reason=data.get("reason", ""),
        )
        messages.success(request, _("Task added."))
        return redirect("plans:detail", plan_id=plan_id)
    return page.render()


@require_POST
def task_remove(request: Request, plan_id: int, task_id: int) -> HttpResponse:
    page = _detail_action(request, plan_id, TaskRemoveForm(request.POST))
    if page.submitted():
        data = page.form.cleaned_data
        services.task_remove(
            actor=request.actor, plan_id=plan_id, task_id=task_id, version=data["version"], reason=data["reason"]
        )
        messages.success(request, _("Task removed."))
        return redirect("plans:detail", plan_id=plan_id)
    return page.render()


@require_POST
def task_done(request: Request, plan_id: int, task_id: int) -> HttpResponse:
    """A unit's part of a task done, or undone (`undo`): the unit's officers, not the plan's."""
    page = _detail_action(request, plan_id, TaskDoneForm(request.POST), writing=False)
    if page.submitted():
        data = page.form.cleaned_data
        if data["undo"]:
            services.task_reopen(actor=request.actor, plan_id=plan_id, task_id=task_id, unit_code=data["unit"])
        else:
            services.task_complete(
                actor=request.actor,
                plan_id=plan_id,
                task_id=task_id,
                unit_code=data["unit"],
                done_on=data.get("done_on"),
                note=data.get("note", ""),
            )
        messages.success(request, _("Saved."))
        return redirect("plans:detail", plan_id=plan_id)
    return page.render()


def plan_board(request: Request, plan_id: int) -> HttpResponse:
    context = selectors.plan_board_page(actor=request.actor, plan_id=plan_id, late_only=request.GET.get("late") == "1")
    return render(request, "plans/board.html", context)


def plan_docx(request: Request, plan_id: int) -> HttpResponse:
    return documents.docx_response(selectors.plan_get(actor=request.actor, plan_id=plan_id))


def plan_pdf(request: Request, plan_id: int) -> HttpResponse:
    return documents.pdf_response(selectors.plan_get(actor=request.actor, plan_id=plan_id))
