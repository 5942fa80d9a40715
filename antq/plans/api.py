from django.http import HttpRequest, HttpResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from antq.core.api import actor_of
from antq.core.errors import NotFound
from antq.plans import documents, selectors, services
from antq.plans.models import Plan, PlanTask
from antq.plans.schemas import (
    BoardOut,
    BoardRowOut,
    PlanAmendIn,
    PlanCreateIn,
    PlanFilter,
    PlanIssueIn,
    PlanOut,
    PlanRef,
    PlanRevisionOut,
    PlanUpdateIn,
    TaskCompleteIn,
    TaskIn,
    TaskOut,
    VersionIn,
)

router = Router(tags=["plans"])


def _task(request: HttpRequest, plan_id: int, task_id: int) -> tuple[Plan, PlanTask]:
    plan = selectors.plan_get(actor=actor_of(request), plan_id=plan_id)
    task = plan.tasks.select_related("assignee", "plan__issuer").filter(pk=task_id).first()
    if task is None:
        raise NotFound()
    return plan, task


@router.get("", response=list[PlanOut], summary="Plans you can see (your area's, and those in force above it)")
@paginate
def plan_list(request: HttpRequest, filters: Query[PlanFilter]) -> object:
    return selectors.plan_list(
        actor=actor_of(request),
        year=filters.year,
        state=filters.state,
        issuer_code=filters.issuer,
        level=filters.level,
        query=filters.q,
    )


@router.post("", response={201: PlanOut}, summary="Write a draft plan")
def plan_create(request: HttpRequest, payload: PlanCreateIn) -> Status[Plan]:
    data = payload.dict(exclude_unset=True)
    issuer = data.pop("issuer")
    parent = data.pop("parent_plan", None)
    plan = services.plan_create(actor=actor_of(request), issuer_code=issuer, data=data, parent_plan_id=parent)
    return Status(201, plan)


@router.get("/{plan_id}", response=PlanOut, summary="One plan")
def plan_detail(request: HttpRequest, plan_id: int) -> Plan:
    return selectors.plan_get(actor=actor_of(request), plan_id=plan_id)


@router.patch("/{plan_id}", response=PlanOut, summary="Edit a draft (send the version you loaded)")
def plan_update(request: HttpRequest, plan_id: int, payload: PlanUpdateIn) -> Plan:
    actor = actor_of(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    set_parent = "parent_plan" in changes
    parent = changes.pop("parent_plan", None)
    return services.plan_update(
        actor=actor, plan=plan, version=version, changes=changes, parent_plan_id=parent, set_parent=set_parent
    )


@router.delete("/{plan_id}", response={204: None}, summary="Delete a draft")
def plan_delete(request: HttpRequest, plan_id: int, version: int) -> Status[None]:
    actor = actor_of(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    services.plan_delete_draft(actor=actor, plan=plan, version=version)
    return Status(204, None)


@router.post("/{plan_id}/issue", response=PlanOut, summary="Issue a draft with its official number and date")
def plan_issue(request: HttpRequest, plan_id: int, payload: PlanIssueIn) -> Plan:
    actor = actor_of(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    return services.plan_issue(
        actor=actor,
        plan=plan,
        version=payload.version,
        number=payload.number,
        issued_on=payload.issued_on,
        signer_name=payload.signer_name,
    )


@router.post("/{plan_id}/amend", response=PlanOut, summary="Amend a plan in force (a new revision is kept)")
def plan_amend(request: HttpRequest, plan_id: int, payload: PlanAmendIn) -> Plan:
    actor = actor_of(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    reason = changes.pop("reason")
    reference = changes.pop("reference", "")
    effective_on = changes.pop("effective_on", None)
    return services.plan_amend(
        actor=actor,
        plan=plan,
        version=version,
        changes=changes,
        reason=reason,
        reference=reference,
        effective_on=effective_on,
    )


@router.post("/{plan_id}/close", response=PlanOut, summary="Close a plan at the end of its season")
def plan_close(request: HttpRequest, plan_id: int, payload: VersionIn) -> Plan:
    actor = actor_of(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    return services.plan_close(actor=actor, plan=plan, version=payload.version)


@router.post("/{plan_id}/attachment", response=PlanOut, summary="Attach the signed scan (PDF, PNG, JPEG)")
def plan_attach(request: HttpRequest, plan_id: int, file: File[UploadedFile]) -> Plan:
    actor = actor_of(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    return services.plan_attach(actor=actor, plan=plan, upload=file)


@router.get("/{plan_id}/revisions", response=list[PlanRevisionOut], summary="Issue and amendments, oldest first")
def plan_revisions(request: HttpRequest, plan_id: int) -> object:
    plan = selectors.plan_get(actor=actor_of(request), plan_id=plan_id)
    return plan.revisions.order_by("revision")


@router.get("/{plan_id}/board", response=BoardOut, summary="Progress of the units below")
def plan_board(request: HttpRequest, plan_id: int, late: bool = False) -> BoardOut:
    actor = actor_of(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    board = selectors.plan_board(actor=actor, plan=plan, late_only=late)
    return BoardOut(
        plan=PlanRef(id=plan.pk, reference=plan.reference, title=plan.title),
        today=board.today,
        units=len(board.rows),
        units_with_plan=board.units_with_plan,
        units_late=board.units_late,
        totals=BoardRowOut.from_orm(board.totals),
        rows=[BoardRowOut.from_orm(row) for row in board.rows],
    )


@router.get("/{plan_id}/tasks", response=list[TaskOut], summary="Tasks the plan assigns below")
def task_list(request: HttpRequest, plan_id: int) -> object:
    plan = selectors.plan_get(actor=actor_of(request), plan_id=plan_id)
    return selectors.plan_tasks(plan=plan)


@router.post("/{plan_id}/tasks", response={201: TaskOut}, summary="Add a task")
def task_add(request: HttpRequest, plan_id: int, payload: TaskIn) -> Status[PlanTask]:
    actor = actor_of(request)
    plan = selectors.plan_get(actor=actor, plan_id=plan_id)
    task = services.task_add(
        actor=actor,
        plan=plan,
        version=payload.version,
        description=payload.description,
        due_on=payload.due_on,
        assignee_code=payload.assignee,
        reason=payload.reason,
    )
    return Status(201, task)


@router.delete("/{plan_id}/tasks/{task_id}", response={204: None}, summary="Remove a task")
def task_remove(request: HttpRequest, plan_id: int, task_id: int, version: int, reason: str = "") -> Status[None]:
    _plan, task = _task(request, plan_id, task_id)
    services.task_remove(actor=actor_of(request), task=task, version=version, reason=reason)
    return Status(204, None)


@router.post("/{plan_id}/tasks/{task_id}/done", response={201: TaskOut}, summary="Record a unit's part as done")
def task_complete(request: HttpRequest, plan_id: int, task_id: int, payload: TaskCompleteIn) -> Status[PlanTask]:
    _plan, task = _task(request, plan_id, task_id)
    services.task_complete(
        actor=actor_of(request), task=task, unit_code=payload.unit, done_on=payload.done_on, note=payload.note
    )
    return Status(201, task)


@router.delete("/{plan_id}/tasks/{task_id}/done/{unit}", response={204: None}, summary="Undo a completion")
def task_reopen(request: HttpRequest, plan_id: int, task_id: int, unit: str) -> Status[None]:
    _plan, task = _task(request, plan_id, task_id)
    services.task_reopen(actor=actor_of(request), task=task, unit_code=unit)
    return Status(204, None)


@router.get("/{plan_id}/document.docx", summary="The plan as .docx in the Decree 30/2020 layout")
def plan_docx(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(actor=actor_of(request), plan_id=plan_id)
    return documents.docx_response(plan)


@router.get("/{plan_id}/document.pdf", summary="The plan as PDF (needs LibreOffice on the server)")
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(actor=actor_of(request), plan_id=plan_id)
    return documents.pdf_response(plan)
