"""Writing plans: create a draft, edit it, issue it with its official number, amend it (keeping
every revision), close it, attach the signed scan, and manage the tasks it assigns below.

Every function validates, writes and audits in one transaction; on any error nothing changes.
Edits carry the `version` the actor loaded; a stale version raises Conflict.

Cascade rules (issue 3): a province plan cites an in-force central plan of its year, a commune
plan its province's; a plan's festival window lies inside its parent's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_date
from antq.plans import permissions
from antq.plans.models import (
    CONTENT_FIELDS,
    IN_FORCE_STATES,
    PLAN_SYMBOL_DEFAULT,
    Plan,
    PlanRevision,
    PlanState,
    PlanTask,
    PlanTaskCompletion,
)
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind

NUMBER_SHAPE = re.compile(r"^\d{1,7}$")
SYMBOL_SHAPE = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9()\-]{0,31}$")
YEAR_RANGE = (2005, 2100)  # the festival exists since Decision 521/2005
ATTACHMENT_TYPES = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
EDITABLE_FIELDS = frozenset(CONTENT_FIELDS) | {"symbol", "year"}
AMENDABLE_FIELDS = frozenset(CONTENT_FIELDS)
TEXT_LIMITS = {"title": 500, "parent_body": 200, "issuing_body": 200, "place": 100, "signer_authority": 100}


def _today() -> dt.date:
    return timezone.localdate()


def plan_defaults_for(issuer: Unit) -> dict[str, str]:
    """Header lines and place a plan of this unit usually carries (editable in the draft)."""
    if issuer.kind == UnitKind.NATION:
        return {
            "parent_body": "BỘ CÔNG AN",
            "issuing_body": "BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BẢO VỆ ANTQ TRUNG ƯƠNG",
            "place": "Hà Nội",
            "signer_authority": "KT. TRƯỞNG BAN",
            "signer_title": "PHÓ TRƯỞNG BAN",
        }
    place = issuer.short_name or issuer.name
    return {
        "parent_body": f"UBND {issuer.name.upper()}",
        "issuing_body": "BAN CHỈ ĐẠO 138",
        "place": place,
        "signer_authority": "TM. BAN CHỈ ĐẠO",
        "signer_title": "TRƯỞNG BAN",
    }


def plan_basis_sentence(plan: Plan) -> str:
    """The opening "Thực hiện Kế hoạch số 172/KH-BCĐ ngày 01/4/2024 của ..." of a plan's body.

    Document text, so Vietnamese whatever the UI language."""
    parts = []
    parent = plan.parent_plan
    if parent is not None and parent.reference:
        issued = (
            f" ngày {parent.issued_on.day}/{parent.issued_on.month}/{parent.issued_on.year}" if parent.issued_on else ""
        )
        parts.append(
            f"Thực hiện Kế hoạch số {parent.reference}{issued} của {body_in_sentence(parent.issuing_body)} "
            f"về việc {parent.title[:1].lower() + parent.title[1:]}"
        )
    parts.extend(line.strip(" -;.") for line in plan.basis_documents.splitlines() if line.strip(" -;."))
    return "; ".join(parts)


BODY_WORDS = {
    "ban chỉ đạo": "Ban Chỉ đạo",
    "ubnd": "UBND",
    "antq": "ANTQ",
    "antt": "ANTT",
    "trung ương": "Trung ương",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "công an": "Công an",
    "bộ": "Bộ",
}


def body_in_sentence(body: str) -> str:
    """ "BAN CHỈ ĐẠO 138" -> "Ban Chỉ đạo 138" for use inside a sentence."""
    text = " ".join(body.split()).lower()
    for word, written in BODY_WORDS.items():
        text = re.sub(rf"\b{re.escape(word)}\b", written, text)
    return text[:1].upper() + text[1:] if text else ""


def _locked(plan_id: int) -> Plan:
    return Plan.objects.select_for_update(of=("self",)).select_related("issuer", "parent_plan").get(pk=plan_id)


def _locked_for_write(actor: Actor, plan_id: int, version: int | None) -> Plan:
    """The plan, row-locked, once the actor may write it and (unless `version` is None) has
    loaded its latest version."""
    plan = _locked(plan_id)
    if not permissions.can_write_plan(actor, plan):
        raise Forbidden(_("Your role at %(unit)s does not allow writing its plans.") % {"unit": plan.issuer.name})
    if version is not None:
        _check_version(plan, version)
    return plan


def _check_version(plan: Plan, version: int) -> None:
    if plan.version != version:
        raise Conflict(
            _("Someone else changed this plan after you opened it. Reload it to see their change, then try again.")
        )


def _clean_text(data: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        cleaned[key] = value.strip() if isinstance(value, str) else value
    return cleaned


def _validate(plan: Plan) -> dict[str, str]:
    """Rules every plan (draft or in force) obeys. Returns field -> message."""
    errors: dict[str, str] = {}
    if not plan.title:
        errors["title"] = _("Enter the plan's title, e.g. “Tổ chức Ngày hội toàn dân bảo vệ ANTQ năm 2026”.")
    if not plan.issuing_body:
        errors["issuing_body"] = _("Enter the issuing body, e.g. “BAN CHỈ ĐẠO 138”.")
    if not plan.place:
        errors["place"] = _("Enter the place of issue, e.g. “Khánh Hòa”.")
    for field, limit in TEXT_LIMITS.items():
        if len(getattr(plan, field) or "") > limit:
            errors[field] = _("At most %(n)s characters.") % {"n": limit}
    if not (YEAR_RANGE[0] <= plan.year <= YEAR_RANGE[1]):
        errors["year"] = _("Enter a year between %(a)s and %(b)s.") % {"a": YEAR_RANGE[0], "b": YEAR_RANGE[1]}
    if not SYMBOL_SHAPE.match(plan.symbol or ""):
        errors["symbol"] = _("Enter the symbol in capitals, e.g. KH-BCĐ or KH-UBND.")
    start, end = plan.window_start, plan.window_end
    if start is None or end is None:
        errors["window_start"] = _("Enter the festival window: the first and last day sites may be held.")
        return errors
    if start > end:
        errors["window_end"] = _("The window must end on or after %(date)s, its first day.") % {
            "date": format_date(start)
        }
    elif start.year != plan.year or end.year != plan.year:
        errors["window_start"] = _("The window must lie within %(year)s, the plan's year.") % {"year": plan.year}
    for field in ("lower_plan_due_on", "site_registration_due_on"):
        due = getattr(plan, field)
        if due is not None and due > end:
            errors[field] = _("This deadline must be on or before %(date)s, the end of the window.") % {
                "date": format_date(end)
            }
    errors.update(_validate_cascade(plan))
    return errors


def _validate_cascade(plan: Plan) -> dict[str, str]:
    issuer = plan.issuer
    parent = plan.parent_plan
    if issuer.kind == UnitKind.NATION:
        if parent is not None:
            return {"parent_plan": _("The central plan cites no plan above it.")}
        return {}
    expected_issuer_kinds = {UnitKind.NATION} if issuer.kind in PROVINCE_KINDS else set(PROVINCE_KINDS)
    level_word = _("the central plan") if issuer.kind in PROVINCE_KINDS else _("the province's plan")
    if parent is None:
        return {
            "parent_plan": _("Choose the plan this one implements: %(which)s of %(year)s.")
            % {"which": level_word, "year": plan.year}
        }
    if parent.issuer.kind not in expected_issuer_kinds or (
        issuer.kind in COMMUNE_KINDS and parent.issuer_id != issuer.province_id
    ):
        return {
            "parent_plan": _("A plan of %(unit)s must cite %(which)s.") % {"unit": issuer.name, "which": level_word}
        }
    if parent.state not in IN_FORCE_STATES:
        return {
            "parent_plan": _(
                "%(which)s for %(year)s has not been issued yet (it is a draft or closed); "
                "this plan can be written once it is in force."
            )
            % {"which": level_word[:1].upper() + level_word[1:], "year": plan.year}
        }
    if parent.year != plan.year:
        return {
            "parent_plan": _("The plan cited is for %(a)s; this plan is for %(b)s.")
            % {"a": parent.year, "b": plan.year}
        }
    if plan.window_start < parent.window_start or plan.window_end > parent.window_end:
        return {
            "window_start": _("The window must lie inside %(a)s – %(b)s, the window of %(ref)s.")
            % {"a": format_date(parent.window_start), "b": format_date(parent.window_end), "ref": parent.reference}
        }
    return {}


def _validate_children_still_fit(plan: Plan) -> dict[str, str]:
    """After an amendment narrows the window, plans and sites below must still fit inside it."""
    from antq.festivals.models import FestivalSite, SiteState  # festivals depends on plans, not back

    child = (
        plan.child_plans.filter(state__in=IN_FORCE_STATES)
        .exclude(window_start__gte=plan.window_start, window_end__lte=plan.window_end)
        .first()
    )
    if child is not None:
        return {
            "window_start": _(
                "Plan %(ref)s of %(unit)s runs %(a)s – %(b)s, outside the new window; it must be amended first."
            )
            % {
                "ref": child.reference,
                "unit": child.issuer.name,
                "a": format_date(child.window_start),
                "b": format_date(child.window_end),
            }
        }
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(plan.window_start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(plan.window_end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    outside = (
        FestivalSite.objects.filter(plan=plan)
        .exclude(state=SiteState.CANCELLED)
        .exclude(starts_at__gte=start, starts_at__lt=end)
        .count()
    )
    if outside:
        return {
            "window_start": _("%(n)s site(s) of this plan fall outside the new window; move or cancel them first.")
            % {"n": outside}
        }
    return {}


@transaction.atomic
def plan_create(*, actor: Actor, issuer_code: str, data: dict[str, Any], parent_plan_id: int | None = None) -> Plan:
    """A new draft plan at `issuer_code` (officer there). Header lines default from the issuer."""
    issuer = Unit.objects.filter(code=issuer_code, closed_on__isnull=True).select_related("province").first()
    if issuer is None or not actor.covers(issuer):
        raise NotFound(_("Unit %(code)s does not exist or is outside your area.") % {"code": issuer_code})
    if issuer.kind not in permissions.ISSUER_KINDS:
        raise ValidationFailed(
            errors={
                "issuer": _("Plans are issued by the nation, a province or a commune; %(unit)s is none of these.")
                % {"unit": issuer.name}
            }
        )
    if not permissions.can_issue_plans_at(actor, issuer):
        raise Forbidden(_("Your role at %(unit)s does not allow writing its plans.") % {"unit": issuer.name})
    data = _clean_text(data)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationFailed(errors={k: _("This field cannot be set here.") for k in sorted(unknown)})
    plan = Plan(issuer=issuer, province=_province_of(issuer), commune=issuer if issuer.kind in COMMUNE_KINDS else None)
    for key, value in {**plan_defaults_for(issuer), **data}.items():
        setattr(plan, key, value if value is not None or key in _NULLABLE else "")
    plan.year = int(data.get("year") or (plan.window_start.year if plan.window_start else _today().year))
    plan.symbol = plan.symbol or PLAN_SYMBOL_DEFAULT
    plan.parent_plan = _parent_for(actor, parent_plan_id)
    plan.created_by = actor.user
    errors = _validate(plan)
    if errors:
        raise ValidationFailed(errors=errors)
    plan.save()
    audit_entry(
        actor=actor.user,
        action="plan.create",
        target_type="plan",
        target_id=plan.pk,
        target_label=plan.title,
        scope_path=issuer.path,
        after=plan.content_snapshot(),
    )
    return plan


_NULLABLE = frozenset(
    {
        "window_start",
        "window_end",
        "target_sites",
        "target_sites_per_commune",
        "target_pilot_sites",
        "lower_plan_due_on",
        "site_registration_due_on",
        "parent_plan",
    }
)


def _province_of(unit: Unit) -> Unit | None:
    if unit.kind in PROVINCE_KINDS:
        return unit
    return unit.province


def _parent_for(actor: Actor, parent_plan_id: int | None) -> Plan | None:
    if parent_plan_id is None:
        return None
    parent = permissions.plans_visible_to(actor).select_related("issuer").filter(pk=parent_plan_id).first()
    if parent is None:
        raise ValidationFailed(errors={"parent_plan": _("The plan cited does not exist or is outside your area.")})
    return parent


@transaction.atomic
def plan_update(
    *,
    actor: Actor,
    plan: Plan,
    version: int,
    changes: dict[str, Any],
    parent_plan_id: int | None = None,
    set_parent: bool = False,
) -> Plan:
    """Edit a draft. An issued plan changes only through `plan_amend`."""
    plan = _locked_for_write(actor, plan.pk, version)
    if plan.state != PlanState.DRAFT:
        raise ValidationFailed(_("This plan has been issued; change it with an amendment, which keeps the history."))
    changes = _clean_text(changes)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationFailed(errors={k: _("This field cannot be set here.") for k in sorted(unknown)})
    before = plan.content_snapshot()
    for key, value in changes.items():
        setattr(plan, key, value if value is not None or key in _NULLABLE else "")
    if set_parent:
        plan.parent_plan = _parent_for(actor, parent_plan_id)
    errors = _validate(plan)
    if errors:
        raise ValidationFailed(errors=errors)
    plan.version = F("version") + 1
    plan.save()
    plan.refresh_from_db()
    audit_entry(
        actor=actor.user,
        action="plan.update",
        target_type="plan",
        target_id=plan.pk,
        target_label=plan.title,
        scope_path=plan.issuer.path,
        before=before,
        after=plan.content_snapshot(),
    )
    return plan


@transaction.atomic
def plan_issue(
    *, actor: Actor, plan: Plan, version: int, number: str, issued_on: dt.date, signer_name: str = ""
) -> Plan:
    """Give a draft its official number and date; it comes into force and is kept as revision 1."""
    plan = _locked_for_write(actor, plan.pk, version)
    if plan.state != PlanState.DRAFT:
        raise ValidationFailed(_("This plan has already been issued as %(ref)s.") % {"ref": plan.reference})
    number = (number or "").strip()
    errors: dict[str, str] = {}
    if not NUMBER_SHAPE.match(number):
        errors["number"] = _("Enter the number given by the records office, digits only, e.g. 4955.")
    if issued_on is None:
        errors["issued_on"] = _("Enter the date the plan was signed.")
    elif not (plan.year - 1 <= issued_on.year <= plan.year) or issued_on > plan.window_end:
        errors["issued_on"] = _(
            "A plan for %(year)s is issued in %(year)s or late in the year before, and before its window ends."
        ) % {"year": plan.year}
    elif issued_on > _today():
        errors["issued_on"] = _("The date of issue cannot be in the future.")
    elif plan.parent_plan is not None and plan.parent_plan.issued_on and issued_on < plan.parent_plan.issued_on:
        errors["issued_on"] = _("This plan cannot be issued before %(date)s, the date of %(ref)s it implements.") % {
            "date": format_date(plan.parent_plan.issued_on),
            "ref": plan.parent_plan.reference,
        }
    if (
        not errors
        and Plan.objects.filter(issuer=plan.issuer, year=plan.year, number=number, symbol=plan.symbol)
        .exclude(pk=plan.pk)
        .exists()
    ):
        errors["number"] = _("%(unit)s already issued No. %(ref)s in %(year)s; check the number.") % {
            "unit": plan.issuer.name,
            "ref": f"{number}/{plan.symbol}",
            "year": plan.year,
        }
    plan.number = number
    plan.issued_on = issued_on
    if signer_name:
        plan.signer_name = signer_name.strip()[:150]
    errors.update(_validate(plan))
    if errors:
        raise ValidationFailed(errors=errors)
    plan.state = PlanState.ISSUED
    plan.version = F("version") + 1
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:  # a concurrent issue took the number between check and write
        raise ValidationFailed(errors={"number": _("This number was just taken; check it.")}) from exc
    plan.refresh_from_db()
    PlanRevision.objects.create(
        plan=plan,
        revision=1,
        effective_on=issued_on,
        reference=plan.reference,
        snapshot=_snapshot_json(plan),
        created_by=actor.user,
    )
    audit_entry(
        actor=actor.user,
        action="plan.issue",
        target_type="plan",
        target_id=plan.pk,
        target_label=f"{plan.reference} {plan.title}",
        scope_path=plan.issuer.path,
        after={"number": number, "issued_on": issued_on, "state": plan.state},
    )
    return plan


def _snapshot_json(plan: Plan) -> dict[str, Any]:
    from antq.core.audit import _jsonable

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
    plan: Plan,
    version: int,
    changes: dict[str, Any],
    reason: str,
    reference: str = "",
    effective_on: dt.date | None = None,
) -> Plan:
    """Change a plan in force. The new content becomes a new revision; earlier ones stay readable."""
    plan = _locked_for_write(actor, plan.pk, version)
    if plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("Only a plan in force can be amended; a draft is edited directly."))
    changes = _clean_text(changes)
    unknown = set(changes) - AMENDABLE_FIELDS
    if unknown:
        raise ValidationFailed(errors={k: _("This field cannot be amended.") for k in sorted(unknown)})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": _("Say why the plan is amended; it is kept in the history.")})
    before = plan.content_snapshot()
    for key, value in changes.items():
        setattr(plan, key, value if value is not None or key in _NULLABLE else "")
    if plan.content_snapshot() == before:
        raise ValidationFailed(_("Nothing was changed; an amendment needs at least one change."))
    errors = _validate(plan) or _validate_children_still_fit(plan)
    if errors:
        raise ValidationFailed(errors=errors)
    return _new_revision(
        actor=actor,
        plan=plan,
        before=before,
        reason=reason,
        reference=reference,
        effective_on=effective_on,
        action="plan.amend",
    )


def _new_revision(
    *,
    actor: Actor,
    plan: Plan,
    before: dict[str, Any],
    reason: str,
    reference: str,
    effective_on: dt.date | None,
    action: str,
) -> Plan:
    plan.state = PlanState.AMENDED
    plan.version = F("version") + 1
    plan.save()
    plan.refresh_from_db()
    last = plan.revisions.aggregate(n=Max("revision"))["n"] or 0
    PlanRevision.objects.create(
        plan=plan,
        revision=last + 1,
        effective_on=effective_on or _today(),
        reference=reference.strip()[:64],
        reason=reason,
        snapshot=_snapshot_json(plan),
        created_by=actor.user,
    )
    audit_entry(
        actor=actor.user,
        action=action,
        target_type="plan",
        target_id=plan.pk,
        target_label=f"{plan.reference} {plan.title}",
        scope_path=plan.issuer.path,
        before=before,
        after={**plan.content_snapshot(), "reason": reason},
    )
    return plan


@transaction.atomic
def plan_close(*, actor: Actor, plan: Plan, version: int) -> Plan:
    """End of season: the plan stays readable, no new sites or plans below cite it."""
    plan = _locked_for_write(actor, plan.pk, version)
    if plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("Only a plan in force can be closed."))
    open_children = plan.child_plans.filter(state__in=IN_FORCE_STATES).count()
    if open_children:
        raise ValidationFailed(
            _("%(n)s plan(s) below still implement this one; they are closed first.") % {"n": open_children}
        )
    plan.state = PlanState.CLOSED
    plan.version = F("version") + 1
    plan.save()
    plan.refresh_from_db()
    audit_entry(
        actor=actor.user,
        action="plan.close",
        target_type="plan",
        target_id=plan.pk,
        target_label=f"{plan.reference} {plan.title}",
        scope_path=plan.issuer.path,
        after={"state": plan.state},
    )
    return plan


@transaction.atomic
def plan_delete_draft(*, actor: Actor, plan: Plan, version: int) -> None:
    plan = _locked_for_write(actor, plan.pk, version)
    if plan.state != PlanState.DRAFT:
        raise ValidationFailed(_("An issued plan is never deleted; close it instead."))
    audit_entry(
        actor=actor.user,
        action="plan.delete",
        target_type="plan",
        target_id=plan.pk,
        target_label=plan.title,
        scope_path=plan.issuer.path,
        before=plan.content_snapshot(),
    )
    plan.delete()


@transaction.atomic
def plan_attach(*, actor: Actor, plan: Plan, upload: UploadedFile) -> Plan:
    """Attach the signed scan (PDF, PNG or JPEG, at most 20 MB); replaces an earlier one."""
    plan = _locked_for_write(actor, plan.pk, None)
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
    plan.version = F("version") + 1
    plan.save()
    plan.refresh_from_db()
    audit_entry(
        actor=actor.user,
        action="plan.attach",
        target_type="plan",
        target_id=plan.pk,
        target_label=f"{plan.reference} {plan.title}",
        scope_path=plan.issuer.path,
        before={"attachment": old},
        after={"attachment": plan.attachment.name},
    )
    return plan


def _check_assignee(plan: Plan, assignee: Unit | None) -> None:
    if assignee is None:
        return
    if not (assignee.path.startswith(plan.issuer.path) and assignee.pk != plan.issuer_id and assignee.is_current):
        raise ValidationFailed(
            errors={"assignee": _("Assign the task to a unit below %(unit)s.") % {"unit": plan.issuer.name}}
        )


@transaction.atomic
def task_add(
    *,
    actor: Actor,
    plan: Plan,
    version: int,
    description: str,
    due_on: dt.date,
    assignee_code: str | None = None,
    reason: str = "",
) -> PlanTask:
    """Add a task. On a draft it is simply added; on a plan in force it is an amendment (a reason
    is required) and a new revision is kept."""
    plan = _locked_for_write(actor, plan.pk, version)
    if plan.state == PlanState.CLOSED:
        raise ValidationFailed(_("This plan is closed."))
    description = (description or "").strip()
    errors: dict[str, str] = {}
    if not description:
        errors["description"] = _("Describe the task, e.g. “Ban hành kế hoạch cấp xã”.")
    if due_on is None:
        errors["due_on"] = _("Enter the date the task is due.")
    elif due_on.year != plan.year:
        errors["due_on"] = _("The due date must lie in %(year)s, the plan's year.") % {"year": plan.year}
    assignee = None
    if assignee_code:
        assignee = Unit.objects.filter(code=assignee_code).first()
        if assignee is None:
            errors["assignee"] = _("Unit %(code)s does not exist.") % {"code": assignee_code}
        else:
            try:
                _check_assignee(plan, assignee)
            except ValidationFailed as exc:
                errors.update(exc.errors)
    in_force = plan.state in IN_FORCE_STATES
    if in_force and not (reason or "").strip():
        errors["reason"] = _("The plan is in force: say why the task is added; it is kept in the history.")
    if errors:
        raise ValidationFailed(errors=errors)
    position = (plan.tasks.aggregate(n=Max("position"))["n"] or 0) + 1
    task = PlanTask.objects.create(
        plan=plan, assignee=assignee, description=description, due_on=due_on, position=position
    )
    _record_task_change(
        actor=actor,
        plan=plan,
        action="plan.task_add",
        reason=reason,
        in_force=in_force,
        change={"after": {"task": description, "due_on": due_on, "assignee": assignee_code}},
    )
    return task


@transaction.atomic
def task_remove(*, actor: Actor, task: PlanTask, version: int, reason: str = "") -> None:
    plan = _locked_for_write(actor, task.plan_id, version)
    if plan.state == PlanState.CLOSED:
        raise ValidationFailed(_("This plan is closed."))
    in_force = plan.state in IN_FORCE_STATES
    if in_force and not (reason or "").strip():
        raise ValidationFailed(errors={"reason": _("The plan is in force: say why the task is removed.")})
    description = task.description
    task.delete()
    _record_task_change(
        actor=actor,
        plan=plan,
        action="plan.task_remove",
        reason=reason,
        in_force=in_force,
        change={"before": {"task": description}},
    )


def _record_task_change(
    *, actor: Actor, plan: Plan, action: str, reason: str, in_force: bool, change: dict[str, Any]
) -> None:
    """Tasks are part of the plan: on a plan in force a change is an amendment (a new revision);
    on a draft it bumps the version and is audited."""
    if in_force:
        _new_revision(
            actor=actor,
            plan=plan,
            before=plan.content_snapshot(),
            reason=reason.strip(),
            reference="",
            effective_on=None,
            action=action,
        )
        return
    plan.version = F("version") + 1
    plan.save(update_fields=["version", "updated_at"])
    audit_entry(
        actor=actor.user,
        action=action,
        target_type="plan",
        target_id=plan.pk,
        target_label=plan.title,
        scope_path=plan.issuer.path,
        **change,
    )


def task_units(task: PlanTask) -> list[Unit]:
    """The units a task applies to: its assignee, or every current unit one level below the issuer."""
    if task.assignee_id is not None:
        assert task.assignee is not None
        return [task.assignee]
    return list(units_one_level_below(task.plan.issuer))


def units_one_level_below(issuer: Unit) -> Any:
    if issuer.kind == UnitKind.NATION:
        return Unit.objects.filter(kind__in=PROVINCE_KINDS, closed_on__isnull=True)
    if issuer.kind in PROVINCE_KINDS:
        return Unit.objects.filter(province=issuer, kind__in=COMMUNE_KINDS, closed_on__isnull=True)
    return Unit.objects.filter(parent=issuer, closed_on__isnull=True)


@transaction.atomic
def task_complete(
    *, actor: Actor, task: PlanTask, unit_code: str, done_on: dt.date | None = None, note: str = ""
) -> PlanTaskCompletion:
    """Record that `unit_code` has done its part of a task (an officer there)."""
    task = PlanTask.objects.select_related("plan__issuer", "assignee").get(pk=task.pk)
    unit = Unit.objects.filter(code=unit_code, closed_on__isnull=True).first()
    if unit is None or not actor.covers(unit):
        raise NotFound(_("Unit %(code)s does not exist or is outside your area.") % {"code": unit_code})
    applies = (
        unit.pk == task.assignee_id
        if task.assignee_id
        else units_one_level_below(task.plan.issuer).filter(pk=unit.pk).exists()
    )
    if not applies:
        raise ValidationFailed(errors={"unit": _("This task is not assigned to %(unit)s.") % {"unit": unit.name}})
    if not permissions.can_complete_task(actor, task, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow recording this.") % {"unit": unit.name})
    if task.plan.state not in IN_FORCE_STATES:
        raise ValidationFailed(_("Tasks are recorded while the plan is in force."))
    done_on = done_on or _today()
    if done_on > _today():
        raise ValidationFailed(errors={"done_on": _("The date done cannot be in the future.")})
    completion, created = PlanTaskCompletion.objects.get_or_create(
        task=task, unit=unit, defaults={"done_on": done_on, "note": note.strip()[:500], "recorded_by": actor.user}
    )
    if not created:
        raise ValidationFailed(
            _("%(unit)s already recorded this task as done on %(date)s.")
            % {"unit": unit.name, "date": format_date(completion.done_on)}
        )
    audit_entry(
        actor=actor.user,
        action="plan.task_complete",
        target_type="plan_task",
        target_id=task.pk,
        target_label=task.description[:200],
        scope_path=unit.path,
        after={"unit": unit.code, "done_on": done_on, "note": completion.note},
    )
    return completion


@transaction.atomic
def task_reopen(*, actor: Actor, task: PlanTask, unit_code: str) -> None:
    completion = PlanTaskCompletion.objects.select_related("unit").filter(task=task, unit__code=unit_code).first()
    if completion is None or not actor.covers(completion.unit):
        raise NotFound(_("No completion of this task by %(code)s in your area.") % {"code": unit_code})
    if not permissions.can_complete_task(actor, task, completion.unit):
        raise Forbidden(_("Your role at %(unit)s does not allow recording this.") % {"unit": completion.unit.name})
    audit_entry(
        actor=actor.user,
        action="plan.task_reopen",
        target_type="plan_task",
        target_id=task.pk,
        target_label=task.description[:200],
        scope_path=completion.unit.path,
        before={"unit": unit_code, "done_on": completion.done_on},
    )
    completion.delete()
