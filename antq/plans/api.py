"""The plans API: one short function per operation (selector, service, answer)."""

from django.http import HttpRequest, HttpResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from antq.core.api import actor_of
from antq.core.schemas import VersionIn
from antq.plans import documents, selectors, services
from antq.plans.models import Plan, PlanTask
from antq.plans.schemas import (
    BoardOut,
    PlanAmendIn,
    PlanCreateIn,
    PlanFilterIn,
    PlanIssueIn,
    PlanOut,
    PlanRevisionOut,
    PlanUpdateIn,
    TaskCompleteIn,
    TaskIn,
    TaskOut,
)

router = Router(tags=["plans"])


@router.get("", response=list[PlanOut], summary="Plans you can see (your area's, and those in force above it)")
@paginate
def plan_list(request: HttpRequest, filters: Query[PlanFilterIn]) -> object:
    return selectors.plan_list(actor=actor_of(request), filters=filters.to_filter())


@router.post("", response={201: PlanOut}, summary="Write a draft plan")
def plan_create(request: HttpRequest, payload: PlanCreateIn) -> Status[Plan]:
    plan = services.plan_create(actor=actor_of(request), issuer_code=payload.issuer, data=payload.to_input())
    return Status(201, plan)


@router.get("/{plan_id}", response=PlanOut, summary="One plan")
def plan_detail(request: HttpRequest, plan_id: int) -> Plan:
    return selectors.plan_get(actor=actor_of(request), plan_id=plan_id)


@router.patch("/{plan_id}", response=PlanOut, summary="Edit a draft (send the version you loaded)")
def plan_update(request: HttpRequest, plan_id: int, payload: PlanUpdateIn) -> Plan:
    actor = actor_of(request)
    data = payload.to_input(selectors.plan_get(actor=actor, plan_id=plan_id))
    return services.plan_update(actor=actor, plan_id=plan_id, version=payload.version, data=data)


@router.delete("/{plan_id}", response={204: None}, summary="Delete a draft")
def plan_delete(request: HttpRequest, plan_id: int, version: int) -> Status[None]:
    services.plan_delete(actor=actor_of(request), plan_id=plan_id, version=version)
    return Status(204, None)


@router.post("/{plan_id}/issue", response=PlanOut, summary="Issue a draft with its official number and date")
def plan_issue(request: HttpRequest, plan_id: int, payload: PlanIssueIn) -> Plan:
    return services.plan_issue(
        actor=actor_of(request),
        plan_id=plan_id,
        version=payload.version,
        number=payload.number,
        issued_on=payload.issued_on,
        signer_name=payload.signer_name,
    )


@router.post("/{plan_id}/amend", response=PlanOut, summary="Amend a plan in force (a new revision is kept)")
def plan_amend(request: HttpRequest, plan_id: int, payload: PlanAmendIn) -> Plan:
    actor = actor_of(request)
    return services.plan_amend(
        actor=actor,
        plan_id=plan_id,
        version=payload.version,
        data=payload.to_input(selectors.plan_get(actor=actor, plan_id=plan_id)),
        reason=payload.reason,
        reference=payload.reference,
        effective_on=payload.effective_on,
    )


@router.post("/{plan_id}/close", response=PlanOut, summary="Close a plan at the end of its season")
def plan_close(request: HttpRequest, plan_id: int, payload: VersionIn) -> Plan:
    return services.plan_close(actor=actor_of(request), plan_id=plan_id, version=payload.version)


@router.post("/{plan_id}/attachment", response=PlanOut, summary="Attach the signed scan (PDF, PNG, JPEG)")
def plan_attach(request: HttpRequest, plan_id: int, file: File[UploadedFile]) -> Plan:
    return services.plan_attach(actor=actor_of(request), plan_id=plan_id, upload=file)


@router.get("/{plan_id}/revisions", response=list[PlanRevisionOut], summary="Issue and amendments, oldest first")
def plan_revisions(request: HttpRequest, plan_id: int) -> object:
    plan = selectors.plan_get(actor=actor_of(request), plan_id=plan_id)
    return plan.revisions.order_by("revision")


@router.get("/{plan_id}/board", response=BoardOut, summary="Progress of the units below")
def plan_board(request: HttpRequest, plan_id: int, late: bool = False) -> BoardOut:
    page = selectors.plan_board_page(actor=actor_of(request), plan_id=plan_id, late_only=late)
    return BoardOut.of(page["board"])


@router.get("/{plan_id}/tasks", response=list[TaskOut], summary="Tasks the plan assigns below")
def task_list(request: HttpRequest, plan_id: int) -> object:
    return selectors.plan_tasks(plan=selectors.plan_get(actor=actor_of(request), plan_id=plan_id))


@router.post("/{plan_id}/tasks", response={201: TaskOut}, summary="Add a task")
def task_add(request: HttpRequest, plan_id: int, payload: TaskIn) -> Status[PlanTask]:
    task = services.task_add(
        actor=actor_of(request),
        plan_id=plan_id,
        version=payload.version,
        data=payload.to_input(),
        reason=payload.reason,
    )
    return Status(201, task)


@router.delete("/{plan_id}/tasks/{task_id}", response={204: None}, summary="Remove a task")
def task_remove(request: HttpRequest, plan_id: int, task_id: int, version: int, reason: str = "") -> Status[None]:
    services.task_remove(actor=actor_of(request), plan_id=plan_id, task_id=task_id, version=version, reason=reason)
    return Status(204, None)


@router.post("/{plan_id}/tasks/{task_id}/done", response={201: TaskOut}, summary="Record a unit's part as done")
def task_complete(request: HttpRequest, plan_id: int, task_id: int, payload: TaskCompleteIn) -> Status[PlanTask]:
    completion = services.task_complete(
        actor=actor_of(request),
        plan_id=plan_id,
        task_id=task_id,
        unit_code=payload.unit,
        done_on=payload.done_on,
        note=payload.note,
    )
    return Status(201, completion.task)


@router.delete("/{plan_id}/tasks/{task_id}/done/{unit}", response={204: None}, summary="Undo a completion")
def task_reopen(request: HttpRequest, plan_id: int, task_id: int, unit: str) -> Status[None]:
    services.task_reopen(actor=actor_of(request), plan_id=plan_id, task_id=task_id, unit_code=unit)
    return Status(204, None)


@router.get("/{plan_id}/document.docx", summary="The plan as .docx in the Decree 30/2020 layout")
def plan_docx(request: HttpRequest, plan_id: int) -> HttpResponse:
    return documents.docx_response(selectors.plan_get(actor=actor_of(request), plan_id=plan_id))


@router.get("/{plan_id}/document.pdf", summary="The plan as PDF (needs LibreOffice on the server)")
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    return documents.pdf_response(selectors.plan_get(actor=actor_of(request), plan_id=plan_id))
