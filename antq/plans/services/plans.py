"""Writing plans: create a draft, edit it, issue it with its official number, amend it (keeping
every revision), close it, delete a draft, attach the signed scan.

Every function validates, writes and audits in one transaction; on any error nothing changes.
A change of an existing plan locks it through `lock_plan` (core.writes.lock_for_write): a plan
outside the actor's area is missing (404), one the actor sees but may not write is refused (403),
a stale `version` conflicts (409). The rules themselves are in `rules.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import _jsonable, audit_record
from antq.core.errors import Forbidden, ValidationFailed
from antq.core.writes import bump_version, lock_for_write, missing
from antq.plans import permissions
from antq.plans.models import IN_FORCE_STATES, PLAN_SYMBOL_DEFAULT, Plan, PlanRevision, PlanState
from antq.plans.services import rules
from antq.plans.wording import plan_defaults_for
from antq.units.models import Unit

ATTACHMENT_TYPES = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
# Set when the plan is written, never by an amendment.
FIXED_ONCE_ISSUED = {"year": "year", "symbol": "symbol", "parent_plan_id": "parent_plan"}


@dataclass(frozen=True)
class PlanInput:
    """What the author of a plan writes: everything but the issuer, the number and date of issue
    and the state. An edit or amendment starts from the plan (`PlanInput.of`) and replaces what
    changed. A header line left None (parent body to signer's title) is the line the issuer's
    plans usually carry (`wording.plan_defaults_for`); `year` None is the window's year."""

    title: str = ""
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    year: int | None = None
    symbol: str = PLAN_SYMBOL_DEFAULT
    parent_plan_id: int | None = None
    parent_body: str | None = None
    issuing_body: str | None = None
    place: str | None = None
    signer_authority: str | None = None
    signer_title: str | None = None
    signer_name: str = ""
    basis_documents: str = ""
    purposes: str = ""
    requirements: str = ""
    contents: str = ""
    organisation: str = ""
    target_sites: int | None = None
    target_sites_per_commune: int | None = None
    target_pilot_sites: int | None = None
    lower_plan_due_on: dt.date | None = None
    site_registration_due_on: dt.date | None = None
    recipients: str = ""

    @classmethod
    def of(cls, plan: Plan) -> PlanInput:
        return cls(**{f.name: getattr(plan, f.name) for f in fields(cls)})


def _apply(plan: Plan, data: PlanInput) -> None:
    """Write the author's fields onto `plan` (not saved), text stripped; not the year or parent."""
    defaults = plan_defaults_for(plan.issuer)
    for field in fields(PlanInput):
        if field.name in ("year", "parent_plan_id"):
            continue
        value = getattr(data, field.name)
        if value is None and field.name in defaults:
            value = defaults[field.name]
        setattr(plan, field.name, value.strip() if isinstance(value, str) else value)


def _parent_for(actor: Actor, parent_plan_id: int | None) -> Plan | None:
    if parent_plan_id is None:
        return None
    parent = permissions.plans_visible_to(actor).select_related("issuer").filter(pk=parent_plan_id).first()
    if parent is None:
        raise ValidationFailed(errors={"parent_plan": _("The plan cited does not exist or is outside your area.")})
    return parent


def _check(plan: Plan, *extra: dict[str, str]) -> None:
    errors = rules.plan_errors(plan)
    for more in extra:
        errors.update(more)
    if errors:
        raise ValidationFailed(errors=errors)


def lock_plan(actor: Actor, plan_id: int, version: int | None) -> Plan:
    """The plan, row-locked for this transaction, once the actor may write it (an officer at its
    issuer) and, unless `version` is None, holds its latest version."""
    return lock_for_write(
        permissions.plans_visible_to(actor),
        plan_id,
        version=version,
        allowed=lambda p: permissions.can_write_plan(actor, p),
        refusal=lambda p: _("Your role at %(unit)s does not allow writing its plans.") % {"unit": p.issuer.name},
        related=("issuer", "parent_plan"),
    )


@transaction.atomic
def plan_create(*, actor: Actor, issuer_code: str, data: PlanInput) -> Plan:
    """A new draft plan at `issuer_code` (an officer there). Header lines default from the issuer."""
    issuer = Unit.objects.filter(code=issuer_code, closed_on__isnull=True).select_related("province").first()
    if issuer is None or not actor.covers(issuer):
        raise missing(Unit, issuer_code)
    if issuer.kind not in permissions.ISSUER_KINDS:
        raise ValidationFailed(
            errors={
                "issuer": _("Plans are issued by the nation, a province or a commune; %(unit)s is none of these.")
                % {"unit": issuer.name}
            }
        )
    if not permissions.can_issue_plans_at(actor, issuer):
        raise Forbidden(_("Your role at %(unit)s does not allow writing its plans.") % {"unit": issuer.name})
    plan = Plan(issuer=issuer, created_by=actor.user)
    plan.place_at(issuer)
    _apply(plan, data)
    plan.year = data.year or (plan.window_start.year if plan.window_start else timezone.localdate().year)
    plan.symbol = plan.symbol or PLAN_SYMBOL_DEFAULT
    plan.parent_plan = _parent_for(actor, data.parent_plan_id)
    _check(plan)
    plan.save()
    audit_record(actor, "plan.create", target=plan, after=plan.content_snapshot())
    return plan


@transaction.atomic
def plan_update(*, actor: Actor, plan_id: int, version: int, data: PlanInput) -> Plan:
    """Edit a draft. An issued plan changes only through `plan_amend`."""
    plan = lock_plan(actor, plan_id, version)
    if plan.state != PlanState.DRAFT:
        raise ValidationFailed(_("This plan has been issued; change it with an amendment, which keeps the history."))
    before = plan.content_snapshot()
    _apply(plan, data)
    plan.year = data.year or plan.year
    if data.parent_plan_id != plan.parent_plan_id:
        plan.parent_plan = _parent_for(actor, data.parent_plan_id)
    _check(plan)
    plan.version += 1
    plan.save()
    audit_record(actor, "plan.update", target=plan, before=before, after=plan.content_snapshot())
    return plan


@transaction.atomic
def plan_issue(
    *, actor: Actor, plan_id: int, version: int, number: str, issued_on: dt.date | None, signer_name: str = ""
) -> Plan:
    """Give a draft its official number and date; it comes into force and is kept as revision 1.
    A numbered plan names its signer: `signer_name`, or the one already on the draft."""
    plan = lock_plan(actor, plan_id, version)
    if plan.state != PlanState.DRAFT:
        raise ValidationFailed(_("This plan has already been issued as %(ref)s.") % {"ref": plan.reference})
    number = number.strip()
    issuing = rules.issue_errors(plan, number=number, issued_on=issued_on)
    plan.number, plan.issued_on = number, issued_on
    if signer_name.strip():
        plan.signer_name = signer_name.strip()[:150]
    _check(plan, issuing)
    assert issued_on is not None  # issue_errors refuses a plan without its date
    plan.state = PlanState.ISSUED
    plan.version += 1
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:  # a concurrent issue took the number between check and write
        raise ValidationFailed(errors={"number": _("This number was just taken; check it.")}) from exc
    PlanRevision.objects.create(
        plan=plan,
        revision=1,
        effective_on=issued_on,
        reference=plan.reference,
        snapshot=revision_snapshot(plan),
        created_by=actor.user,
    )
    audit_record(
        actor, "plan.issue", target=plan, after={"number": number, "issued_on": issued_on, "state": plan.state}
    )
    return plan


def revision_snapshot(plan: Plan) -> dict[str, Any]:
    """The plan's content and tasks as JSON, kept with each revision."""
    snapshot = plan.content_snapshot()
    snapshot["tasks"] = [
        {"assignee": t.assignee.code if t.assignee else None, "description": t.description, "due_on": t.due_on}
        for t in plan.tasks.select_related("assignee")
    ]
    result: dict[str, Any] = _jsonable(snapshot)
    return result


@transaction.atomic
def plan_amend(
    *,
    actor: Actor,
    plan_id: int,
    version: int,
    data: PlanInput,
    reason: str,
    reference: str = "",
    effective_on: dt.date | None = None,
) -> Plan:
    """Change a plan in force. The new content becomes a new revision; earlier ones stay readable.
    A window narrowed below the plans or sites under the plan is refused."""
    plan = lock_plan(actor, plan_id, version)
    if plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("Only a plan in force can be amended; a draft is edited directly."))
    fixed = [name for attr, name in FIXED_ONCE_ISSUED.items() if getattr(data, attr) != getattr(plan, attr)]
    if fixed:
        raise ValidationFailed(errors={name: _("This field cannot be amended.") for name in fixed})
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(errors={"reason": _("Say why the plan is amended; it is kept in the history.")})
    before = plan.content_snapshot()
    _apply(plan, data)
    if plan.content_snapshot() == before:
        raise ValidationFailed(_("Nothing was changed; an amendment needs at least one change."))
    errors = rules.plan_errors(plan) or rules.window_fits_below(plan)
    if errors:
        raise ValidationFailed(errors=errors)
    return new_revision(
        actor=actor, plan=plan, action="plan.amend", before=before, reason=reason, reference=reference, on=effective_on
    )


def new_revision(
    *,
    actor: Actor,
    plan: Plan,
    action: str,
    before: dict[str, Any],
    reason: str,
    reference: str = "",
    on: dt.date | None = None,
) -> Plan:
    """Save a plan in force (locked) as amended and keep its content as the next revision."""
    plan.state = PlanState.AMENDED
    plan.version += 1
    plan.save()
    last = plan.revisions.aggregate(n=Max("revision"))["n"] or 0
    PlanRevision.objects.create(
        plan=plan,
        revision=last + 1,
        effective_on=on or timezone.localdate(),
        reference=reference.strip()[:64],
        reason=reason,
        snapshot=revision_snapshot(plan),
        created_by=actor.user,
    )
    audit_record(actor, action, target=plan, before=before, after={**plan.content_snapshot(), "reason": reason})
    return plan


@transaction.atomic
def plan_close(*, actor: Actor, plan_id: int, version: int) -> Plan:
    """End of season: the plan stays readable, no new sites or plans below cite it."""
    plan = lock_plan(actor, plan_id, version)
    if plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("Only a plan in force can be closed."))
    open_children = plan.child_plans.filter(state__in=IN_FORCE_STATES).count()
    if open_children:
        raise ValidationFailed(
            _("%(n)s plan(s) below still implement this one; they are closed first.") % {"n": open_children}
        )
    plan.state = PlanState.CLOSED
    bump_version(plan, "state")
    audit_record(actor, "plan.close", target=plan, after={"state": plan.state})
    return plan


@transaction.atomic
def plan_delete(*, actor: Actor, plan_id: int, version: int) -> None:
    """Delete a draft; an issued plan is closed, never deleted."""
    plan = lock_plan(actor, plan_id, version)
    if plan.state != PlanState.DRAFT:
        raise ValidationFailed(_("An issued plan is never deleted; close it instead."))
    audit_record(actor, "plan.delete", target=plan, before=plan.content_snapshot())
    plan.delete()


@transaction.atomic
def plan_attach(*, actor: Actor, plan_id: int, upload: UploadedFile) -> Plan:
    """Attach the signed scan (PDF, PNG or JPEG, at most 20 MB); replaces an earlier one. Any
    version: a scan does not depend on what the actor saw."""
    plan = lock_plan(actor, plan_id, None)
    name = (upload.name or "").lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    head = upload.read(8)
    upload.seek(0)
    if suffix not in ATTACHMENT_TYPES or not head.startswith(ATTACHMENT_TYPES[suffix]):
        raise ValidationFailed(errors={"attachment": _("Attach the signed scan as a PDF, PNG or JPEG file.")})
    if (upload.size or 0) > ATTACHMENT_MAX_BYTES:
        raise ValidationFailed(errors={"attachment": _("The file is larger than 20 MB; scan at 200 dpi.")})
    old = plan.attachment.name if plan.attachment else ""
    plan.attachment.save(f"{plan.issuer.code}-{plan.year}-{plan.pk}{suffix}", upload, save=False)
    bump_version(plan, "attachment")
    audit_record(
        actor, "plan.attach", target=plan, before={"attachment": old}, after={"attachment": plan.attachment.name}
    )
    return plan
