"""Writing commendations: prepare a proposal with its list, submit it, forward it to the Ministry,
return it with a reason, record the decision, withdraw it.

Every function validates, writes and audits in one transaction; on any error nothing changes.
Each takes the `version` the actor loaded and raises Conflict when someone else saved first. A
proposal outside the actor's scope is NotFound (callers load it through the selectors); a visible
proposal the actor's role may not act on is Forbidden; a rule broken is ValidationFailed with
messages named by field (`nominees.3.name` for the fourth row of the list).

Who may do what, and which level acts next: `antq.commendations.permissions`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.actor import Actor
from antq.core.audit import audit_entry
from antq.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from antq.core.text import format_date, normalise_search
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import sites_visible_to
from antq.commendations import permissions, wording
from antq.commendations.models import (
    EDITABLE_STATES,
    FORMS_BY_LEVEL,
    KINDS_BY_FORM,
    LEVEL_IN_TEXT,
    PENDING_STATES,
    AuthorityLevel,
    AwardForm,
    CommendationDecision,
    CommendationNominee,
    CommendationProposal,
    NomineeKind,
    ProposalEvent,
    ProposalState,
)
from antq.commendations.prefill import AWARD_SOURCES
from antq.reporting.records import records_changed
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

NUMBER_SHAPE = re.compile(r"^\d{1,7}$")
SYMBOL_SHAPE = re.compile(r"^[A-Za-zĐđ0-9][A-Za-zĐđ0-9().\-]{0,31}$")
FIRST_YEAR = 2005  # the festival and its commendations exist since Decision 521/2005
MAX_NOMINEES = 500
HEADER_FIELDS = (
    "memo_symbol",
    "parent_body",
    "issuing_body",
    "place",
    "signer_authority",
    "signer_title",
    "recipients",
)
LIMITS = {
    "title": 500,
    "memo_number": 16,
    "memo_symbol": 32,
    "parent_body": 200,
    "issuing_body": 200,
    "place": 100,
    "signer_authority": 100,
    "signer_title": 100,
    "signer_name": 150,
}
NOMINEE_LIMITS = {"name": 300, "position": 300, "organisation": 300, "achievement": 4000}
DECISION_HEADER = (
    "symbol",
    "parent_body",
    "issuing_body",
    "place",
    "signer_authority",
    "signer_title",
    "basis",
    "recipients",
)


@dataclass
class NomineeInput:
    kind: str
    name: str
    award_form: str
    position: str = ""
    organisation: str = ""
    achievement: str = ""


@dataclass
class ProposalInput:
    """A proposal as entered. Header fields left None take the unit's usual lines (on create) or
    keep their stored value (on update)."""

    year: int | None
    authority_level: str
    nominees: Sequence[NomineeInput] = ()
    title: str = ""
    festival_site_id: int | None = None
    reasons: str = ""
    memo_number: str = ""
    signer_name: str = ""
    memo_symbol: str | None = None
    parent_body: str | None = None
    issuing_body: str | None = None
    place: str | None = None
    signer_authority: str | None = None
    signer_title: str | None = None
    recipients: str | None = None


@dataclass
class DecisionInput:
    """A decision as recorded. Header fields left None take the deciding level's usual lines;
    `festival_site_id` None keeps the proposal's site; `awarded_ids` None awards every nominee."""

    number: str
    decided_on: dt.date | None
    signer_name: str
    symbol: str | None = None
    signer_title: str | None = None
    signer_authority: str | None = None
    parent_body: str | None = None
    issuing_body: str | None = None
    place: str | None = None
    basis: str | None = None
    reward: str = ""
    recipients: str | None = None
    festival_site_id: int | None = None
    awarded_ids: Sequence[int] | None = None


@dataclass
class _Nominee:
    index: int  # position in the input (0-based), for `nominees.<index>.<field>` errors
    kind: str
    name: str
    name_folded: str
    award_form: str
    position: str
    organisation: str
    achievement: str


@dataclass
class _Checked:
    values: dict[str, Any] = field(default_factory=dict)
    nominees: list[_Nominee] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def _today() -> dt.date:
    return timezone.localdate()


def _areas(unit: Unit) -> tuple[Unit | None, Unit | None]:
    """(province, commune) of a fact recorded at `unit` (the rule of festivals' `_new_site`)."""
    province = unit if unit.kind in PROVINCE_KINDS else unit.province
    commune = unit if unit.kind in COMMUNE_KINDS else unit.commune
    return province, commune


def _row(index: int) -> int:
    return index + 1


def _form_label(form: str) -> str:
    return str(AwardForm(form).label) if form in AwardForm.values else form


def _check_nominees(rows: Sequence[NomineeInput], level: str, checked: _Checked) -> None:
    errors = checked.errors
    if not rows:
        errors["nominees"] = _("Add at least one collective or individual to the proposal list.")
        return
    if len(rows) > MAX_NOMINEES:
        errors["nominees"] = _("At most %(n)s rows in one proposal; split the list.") % {"n": MAX_NOMINEES}
        return
    allowed = FORMS_BY_LEVEL.get(level, frozenset())
    first_seen: dict[tuple[str, str, str], int] = {}
    for index, row in enumerate(rows):
        key = f"nominees.{index}"
        kind = (row.kind or "").strip()
        name = " ".join((row.name or "").split())
        form = (row.award_form or "").strip()
        values = {
            "position": (row.position or "").strip(),
            "organisation": (row.organisation or "").strip(),
            "achievement": (row.achievement or "").strip(),
        }
        if kind not in NomineeKind.values:
            errors[f"{key}.kind"] = _("Row %(row)s: choose collective or individual.") % {"row": _row(index)}
        if not name:
            errors[f"{key}.name"] = _("Row %(row)s: enter the full name of the person or collective.") % {
                "row": _row(index)
            }
        for name_field, limit in NOMINEE_LIMITS.items():
            value = name if name_field == "name" else values[name_field]
            if len(value) > limit:
                errors[f"{key}.{name_field}"] = _("Row %(row)s: at most %(n)s characters.") % {
                    "row": _row(index),
                    "n": limit,
                }
        if not values["achievement"]:
            errors[f"{key}.achievement"] = _("Row %(row)s: summarise the achievements (tóm tắt thành tích).") % {
                "row": _row(index)
            }
        if kind == NomineeKind.INDIVIDUAL and not (values["position"] or values["organisation"]):
            errors[f"{key}.position"] = _("Row %(row)s: enter the person's position and unit (chức vụ, đơn vị).") % {
                "row": _row(index)
            }
        if form not in AwardForm.values:
            errors[f"{key}.award_form"] = _("Row %(row)s: choose the form of commendation.") % {"row": _row(index)}
        elif level in AuthorityLevel.values and form not in allowed:
            errors[f"{key}.award_form"] = _(
                "Row %(row)s: %(form)s is not given at %(level)s; choose one of: %(allowed)s."
            ) % {
                "row": _row(index),
                "form": _form_label(form),
                "level": LEVEL_IN_TEXT[AuthorityLevel(level)],
                "allowed": ", ".join(_form_label(f) for f in AwardForm.values if f in allowed),
            }
        elif kind in NomineeKind.values and kind not in KINDS_BY_FORM[form]:
            errors[f"{key}.award_form"] = (
                _("Row %(row)s: the medal is awarded to individuals, not to collectives.")
                if form == AwardForm.MEDAL
                else _("Row %(row)s: the emulation flag is awarded to collectives, not to individuals.")
            ) % {"row": _row(index)}
        folded = normalise_search(name)
        if name and kind in NomineeKind.values and form in AwardForm.values:
            seen = first_seen.get((kind, form, folded))
            if seen is not None:
                errors.setdefault(
                    f"{key}.name",
                    _("Row %(row)s repeats row %(first)s: %(name)s is proposed for %(form)s only once.")
                    % {"row": _row(index), "first": _row(seen), "name": name, "form": _form_label(form)},
                )
            else:
                first_seen[(kind, form, folded)] = index
        checked.nominees.append(
            _Nominee(
                index=index,
                kind=kind,
                name=name,
                name_folded=folded[:300],
                award_form=form,
                position=values["position"],
                organisation=values["organisation"],
                achievement=values["achievement"],
            )
        )


def _check_duplicates(
    nominees: Sequence[_Nominee], *, province: Unit | None, year: int, exclude_proposal: int | None
) -> dict[str, str]:
    """The same person or collective (name without diacritics, and kind) may hold one active
    proposal per form and year in a province. Returned and withdrawn proposals, and nominees a
    decision did not award, free their slot."""
    if not nominees:
        return {}
    existing = CommendationNominee.objects.filter(
        province=province, year=year, active=True, name_folded__in={n.name_folded for n in nominees}
    ).select_related("proposal", "proposal__unit")
    if exclude_proposal is not None:
        existing = existing.exclude(proposal_id=exclude_proposal)
    taken = {(n.kind, n.award_form, n.name_folded): n for n in existing}
    errors: dict[str, str] = {}
    for nominee in nominees:
        other = taken.get((nominee.kind, nominee.award_form, nominee.name_folded))
        if other is None:
            continue
        errors[f"nominees.{nominee.index}.name"] = _(
            "Row %(row)s: %(name)s is already proposed for %(form)s in %(year)s (“%(title)s”, %(unit)s). "
            "A person or collective is proposed once per form and year; write namesakes apart, e.g. with the "
            "year of birth."
        ) % {
            "row": _row(nominee.index),
            "name": nominee.name,
            "form": _form_label(nominee.award_form),
            "year": year,
            "title": other.proposal.title,
            "unit": other.proposal.unit.name,
        }
    return errors


def _check_site(actor: Actor, site_id: int, *, province: Unit | None, year: int, field: str) -> FestivalSite | str:
    site = sites_visible_to(actor).select_related("province").filter(pk=site_id).first()
    if site is None:
        return _("Festival site %(id)s does not exist or is outside your area.") % {"id": site_id}
    if site.state == SiteState.CANCELLED:
        return _("%(site)s was cancelled; choose a site that is held.") % {"site": site.name}
    if province is not None and site.province_id != province.pk:
        return _("%(site)s is in another province; choose a site in %(province)s.") % {
            "site": site.name,
            "province": province.name,
        }
    if site.year not in (year, year + 1):
        return _(
            "%(site)s is a site of %(site_year)s; awards for %(year)s are handed over in %(year)s or %(next)s."
        ) % {
            "site": site.name,
            "site_year": site.year,
            "year": year,
            "next": year + 1,
        }
    return site


def _check_proposal(actor: Actor, unit: Unit, data: ProposalInput, *, current: CommendationProposal | None) -> _Checked:
    checked = _Checked()
    errors = checked.errors
    values = checked.values
    year = data.year
    this_year = _today().year
    if year is None or not (FIRST_YEAR <= year <= this_year):
        errors["year"] = _("Enter the year of the achievements, between %(a)s and %(b)s.") % {
            "a": FIRST_YEAR,
            "b": this_year,
        }
        year = this_year
    values["year"] = year
    level = (data.authority_level or "").strip()
    if level not in AuthorityLevel.values:
        errors["authority_level"] = _("Choose the authority asked: commune, province, Ministry or Government.")
    elif unit.kind in PROVINCE_KINDS and level == AuthorityLevel.COMMUNE:
        errors["authority_level"] = _("A province proposes to the province, the Ministry or the Government.")
    values["authority_level"] = level
    values["title"] = " ".join((data.title or "").split()) or wording.default_title(year)
    values["reasons"] = (data.reasons or "").strip()
    values["memo_number"] = (data.memo_number or "").strip()
    values["signer_name"] = (data.signer_name or "").strip()
    defaults = wording.proposal_defaults(unit)
    for name in HEADER_FIELDS:
        given = getattr(data, name)
        if given is None:
            given = getattr(current, name) if current is not None else defaults[name]
        values[name] = given.strip()
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            errors[name] = _("At most %(n)s characters.") % {"n": limit}
    if values["memo_number"] and not NUMBER_SHAPE.match(values["memo_number"]):
        errors["memo_number"] = _("Enter the memo's number from the records office, digits only, e.g. 125.")
    if not SYMBOL_SHAPE.match(values["memo_symbol"]):
        errors["memo_symbol"] = _("Enter the memo's symbol, e.g. TTr-CAX.")
    if not values["issuing_body"]:
        errors["issuing_body"] = _("Enter the issuing body, e.g. “CÔNG AN XÃ CAM LÂM”.")
    if not values["place"]:
        errors["place"] = _("Enter the place of issue, e.g. “Cam Lâm”.")
    province, _commune = _areas(unit)
    values["festival_site"] = None
    if data.festival_site_id:
        site = _check_site(actor, data.festival_site_id, province=province, year=year, field="festival_site")
        if isinstance(site, str):
            errors["festival_site"] = site
        else:
            values["festival_site"] = site
    _check_nominees(data.nominees, level, checked)
    if not errors:
        errors.update(
            _check_duplicates(
                checked.nominees, province=province, year=year, exclude_proposal=current.pk if current else None
            )
        )
    return checked


def _write_nominees(proposal: CommendationProposal, nominees: Sequence[_Nominee], *, active: bool) -> None:
    proposal.nominees.all().delete()
    try:
        with transaction.atomic():
            CommendationNominee.objects.bulk_create(
                [
                    CommendationNominee(
                        proposal=proposal,
                        row=_row(n.index),
                        kind=n.kind,
                        name=n.name,
                        name_folded=n.name_folded,
                        position=n.position,
                        organisation=n.organisation,
                        achievement=n.achievement,
                        award_form=n.award_form,
                        year=proposal.year,
                        province=proposal.province,
                        commune=proposal.commune,
                        active=active,
                    )
                    for n in nominees
                ],
                batch_size=500,
            )
    except IntegrityError as exc:  # another proposal took one of these people a moment ago
        raise ValidationFailed(
            errors={
                "nominees": _("Someone just proposed one of these people for the same form; save again to see who.")
            }
        ) from exc


def _set_active(proposal: CommendationProposal, active: bool) -> None:
    try:
        with transaction.atomic():
            proposal.nominees.update(active=active)
    except IntegrityError as exc:
        raise ValidationFailed(
            errors={"nominees": _("Someone just proposed one of these people for the same form; try again.")}
        ) from exc


def _event(proposal: CommendationProposal, action: str, actor: Actor, unit: Unit | None, note: str = "") -> None:
    ProposalEvent.objects.create(
        proposal=proposal,
        action=action,
        state=proposal.state,
        unit=unit,
        actor=actor.user,
        actor_label=actor.user.username,
        note=note,
    )


def proposal_snapshot(proposal: CommendationProposal) -> dict[str, Any]:
    return {
        "unit": proposal.unit.code,
        "year": proposal.year,
        "title": proposal.title,
        "authority_level": proposal.authority_level,
        "festival_site": proposal.festival_site_id,
        "state": proposal.state,
        "memo": proposal.memo_reference,
        "nominees": [
            {"kind": n.kind, "name": n.name, "award_form": n.award_form, "awarded": n.awarded}
            for n in proposal.nominees.order_by("row", "pk")
        ],
    }


def _audit(
    actor: Actor,
    proposal: CommendationProposal,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    audit_entry(
        actor=actor.user,
        action=f"commendation.{action}",
        target_type="commendation_proposal",
        target_id=proposal.pk,
        target_label=f"{proposal.unit.name}: {proposal.title}",
        scope_path=proposal.unit.path,
        before=before,
        after=after,
    )


def _locked(proposal_id: int) -> CommendationProposal:
    return (
        CommendationProposal.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__province", "unit__commune", "province", "commune", "festival_site")
        .get(pk=proposal_id)
    )


def _check_version(proposal: CommendationProposal, version: int) -> None:
    if proposal.version != version:
        raise Conflict(
            _("Someone else changed this proposal after you opened it. Reload it to see their change, then try again.")
        )


def _state_error(proposal: CommendationProposal, doing: str) -> ValidationFailed:
    return ValidationFailed(
        errors={
            "state": _("This proposal is in the state “%(state)s”; it cannot be %(doing)s now.")
            % {"state": ProposalState(proposal.state).label, "doing": doing}
        }
    )


def _bump(proposal: CommendationProposal) -> None:
    proposal.version = F("version") + 1  # type: ignore[assignment]
    proposal.save()
    proposal.refresh_from_db()


@transaction.atomic
def proposal_create(*, actor: Actor, unit_code: str, data: ProposalInput) -> CommendationProposal:
    """A new draft proposal of `unit_code` (a commune or a province; an officer there)."""
    code = (unit_code or "").strip()
    unit = Unit.objects.filter(code=code, closed_on__isnull=True).select_related("province", "commune").first()
    if unit is None or not actor.covers(unit):
        raise NotFound(_("Unit %(code)s does not exist or is outside your area.") % {"code": code})
    if unit.kind not in permissions.PROPOSER_KINDS:
        raise ValidationFailed(
            errors={
                "unit": _(
                    "Proposals are made by a commune or a province; %(unit)s is neither. A village or an "
                    "organisation is proposed by its commune."
                )
                % {"unit": unit.name}
            }
        )
    if not permissions.can_prepare_at(actor, unit):
        raise Forbidden(_("Your role at %(unit)s does not allow preparing its proposals.") % {"unit": unit.name})
    checked = _check_proposal(actor, unit, data, current=None)
    if checked.errors:
        raise ValidationFailed(errors=checked.errors)
    province, commune = _areas(unit)
    proposal = CommendationProposal(
        unit=unit, province=province, commune=commune, created_by=actor.user, **checked.values
    )
    proposal.save()
    _write_nominees(proposal, checked.nominees, active=True)
    _event(proposal, "create", actor, unit)
    _audit(actor, proposal, "create", after=proposal_snapshot(proposal))
    return proposal


@transaction.atomic
def proposal_update(
    *, actor: Actor, proposal: CommendationProposal, version: int, data: ProposalInput
) -> CommendationProposal:
    """Replace a draft or returned proposal's content; the list is replaced as a whole."""
    proposal = _locked(proposal.pk)
    if not permissions.can_edit_proposal(actor, proposal):
        raise Forbidden(_("Your role at %(unit)s does not allow editing its proposals.") % {"unit": proposal.unit.name})
    _check_version(proposal, version)
    if proposal.state not in EDITABLE_STATES:
        raise _state_error(proposal, _("edited"))
    checked = _check_proposal(actor, proposal.unit, data, current=proposal)
    if checked.errors:
        raise ValidationFailed(errors=checked.errors)
    before = proposal_snapshot(proposal)
    for name, value in checked.values.items():
        setattr(proposal, name, value)
    _bump(proposal)
    # A returned proposal's nominees hold no slot until it is submitted again.
    _write_nominees(proposal, checked.nominees, active=proposal.state == ProposalState.DRAFT)
    _event(proposal, "update", actor, proposal.unit)
    _audit(actor, proposal, "update", before=before, after=proposal_snapshot(proposal))
    return proposal


@transaction.atomic
def proposal_submit(
    *,
    actor: Actor,
    proposal: CommendationProposal,
    version: int,
    submitted_on: dt.date | None = None,
    memo_number: str | None = None,
) -> CommendationProposal:
    """Send the signed memo up (a leader of the proposing unit). `submitted_on` is the memo's date
    (default today); a decision cannot be dated before it."""
    proposal = _locked(proposal.pk)
    if proposal.state not in EDITABLE_STATES:
        raise _state_error(proposal, _("submitted"))
    if not permissions.can_submit_proposal(actor, proposal):
        raise Forbidden(
            _("The memo is sent by a leader of %(unit)s; your role there does not allow it.")
            % {"unit": proposal.unit.name}
        )
    _check_version(proposal, version)
    errors: dict[str, str] = {}
    day = submitted_on or _today()
    if day > _today():
        errors["submitted_on"] = _("The memo's date cannot be in the future.")
    elif not (proposal.year <= day.year <= proposal.year + 1):
        errors["submitted_on"] = _("A proposal for %(year)s is submitted in %(year)s or %(next)s.") % {
            "year": proposal.year,
            "next": proposal.year + 1,
        }
    number = (memo_number if memo_number is not None else proposal.memo_number).strip()
    if number and not NUMBER_SHAPE.match(number):
        errors["memo_number"] = _("Enter the memo's number from the records office, digits only, e.g. 125.")
    nominees = list(proposal.nominees.all())
    if not nominees:
        errors["nominees"] = _("Add at least one collective or individual to the proposal list.")
    if proposal.state == ProposalState.RETURNED:
        # Its nominees freed their slots while it was returned: someone may have taken one since.
        errors.update(
            _check_duplicates(
                [_Nominee(i, n.kind, n.name, n.name_folded, n.award_form, "", "", "") for i, n in enumerate(nominees)],
                province=proposal.province,
                year=proposal.year,
                exclude_proposal=proposal.pk,
            )
        )
    if errors:
        raise ValidationFailed(errors=errors)
    before = {"state": proposal.state}
    proposal.state = ProposalState.SUBMITTED
    proposal.submitted_on = day
    proposal.submitted_at = timezone.now()
    proposal.submitted_by = actor.user
    proposal.memo_number = number
    _bump(proposal)
    _set_active(proposal, True)
    _event(proposal, "submit", actor, proposal.unit)
    _audit(
        actor,
        proposal,
        "submit",
        before=before,
        after={"state": proposal.state, "submitted_on": day, "memo": proposal.memo_reference},
    )
    return proposal


def _acting_for(actor: Actor, proposal: CommendationProposal, doing: str) -> Unit:
    """The acting level's unit once the proposal waits there and the actor leads it."""
    if proposal.state not in PENDING_STATES:
        raise _state_error(proposal, doing)
    unit = permissions.acting_unit(proposal)
    if unit is None or not permissions.can_decide_proposal(actor, proposal):
        where = unit.name if unit is not None else proposal.unit.name
        raise Forbidden(
            _("This proposal waits for the leaders of %(unit)s; your role does not allow acting on it.")
            % {"unit": where}
        )
    return unit


@transaction.atomic
def proposal_forward(
    *, actor: Actor, proposal: CommendationProposal, version: int, note: str = ""
) -> CommendationProposal:
    """The province sends a commune's proposal for a Ministry or Government form to the Ministry."""
    proposal = _locked(proposal.pk)
    unit = _acting_for(actor, proposal, _("forwarded"))
    _check_version(proposal, version)
    if permissions.decides_at_acting_level(proposal):
        raise ValidationFailed(
            errors={
                "state": _("%(unit)s decides this proposal itself (it asks for %(level)s); record the decision.")
                % {"unit": unit.name, "level": LEVEL_IN_TEXT[AuthorityLevel(proposal.authority_level)]}
            }
        )
    proposal.state = ProposalState.FORWARDED
    proposal.forwarded_at = timezone.now()
    proposal.forwarded_by = actor.user
    _bump(proposal)
    note = (note or "").strip()[:2000]
    _event(proposal, "forward", actor, unit, note)
    _audit(actor, proposal, "forward", before={"state": ProposalState.SUBMITTED}, after={"state": proposal.state})
    return proposal


@transaction.atomic
def proposal_return(*, actor: Actor, proposal: CommendationProposal, version: int, reason: str) -> CommendationProposal:
    """Send a proposal back to the proposing unit with the reason; it is edited and submitted again."""
    proposal = _locked(proposal.pk)
    unit = _acting_for(actor, proposal, _("returned"))
    _check_version(proposal, version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            errors={"reason": _("Say why the proposal is returned; the proposing unit will see it.")}
        )
    if len(reason) > 2000:
        raise ValidationFailed(errors={"reason": _("At most %(n)s characters.") % {"n": 2000}})
    before = {"state": proposal.state}
    proposal.state = ProposalState.RETURNED
    proposal.returned_at = timezone.now()
    proposal.returned_by = actor.user
    proposal.returned_by_unit = unit
    proposal.return_reason = reason
    _bump(proposal)
    _set_active(proposal, False)
    _event(proposal, "return", actor, unit, reason)
    _audit(actor, proposal, "return", before=before, after={"state": proposal.state, "reason": reason})
    return proposal


@transaction.atomic
def proposal_withdraw(
    *, actor: Actor, proposal: CommendationProposal, version: int, reason: str = ""
) -> CommendationProposal:
    """The proposing unit takes its proposal back (a draft or returned one: an officer; a
    submitted one: a leader). Its nominees free their slots; the proposal stays readable."""
    proposal = _locked(proposal.pk)
    if proposal.state not in (*EDITABLE_STATES, ProposalState.SUBMITTED):
        raise _state_error(proposal, _("withdrawn"))
    if not permissions.can_withdraw_proposal(actor, proposal):
        raise Forbidden(
            _("Your role at %(unit)s does not allow withdrawing this proposal.") % {"unit": proposal.unit.name}
        )
    _check_version(proposal, version)
    before = {"state": proposal.state}
    proposal.state = ProposalState.WITHDRAWN
    proposal.withdrawn_at = timezone.now()
    proposal.withdrawn_by = actor.user
    _bump(proposal)
    _set_active(proposal, False)
    reason = (reason or "").strip()[:2000]
    _event(proposal, "withdraw", actor, proposal.unit, reason)
    _audit(actor, proposal, "withdraw", before=before, after={"state": proposal.state, "reason": reason})
    return proposal


def decision_defaults_for(proposal: CommendationProposal) -> dict[str, str]:
    forms = list(proposal.nominees.values_list("award_form", flat=True))
    return wording.decision_defaults(proposal, forms)


@transaction.atomic
def proposal_decide(
    *, actor: Actor, proposal: CommendationProposal, version: int, data: DecisionInput
) -> CommendationDecision:
    """Record the decision of the level that decides (a leader there): its number, date and
    signer, and which nominees it awards (all unless `awarded_ids` says otherwise). The awarded
    nominees count in the reports of their commune (or province) from the decision's date."""
    proposal = _locked(proposal.pk)
    unit = _acting_for(actor, proposal, _("decided"))
    _check_version(proposal, version)
    if not permissions.decides_at_acting_level(proposal):
        raise ValidationFailed(
            errors={
                "state": _("This proposal asks for %(level)s: the province forwards it to the Ministry, which decides.")
                % {"level": LEVEL_IN_TEXT[AuthorityLevel(proposal.authority_level)]}
            }
        )
    nominees = list(proposal.nominees.all())
    defaults = wording.decision_defaults(proposal, [n.award_form for n in nominees])
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in DECISION_HEADER:
        given = getattr(data, name)
        values[name] = (defaults[name] if given is None else given).strip()
    values["reward"] = (data.reward or "").strip()
    values["signer_name"] = " ".join((data.signer_name or "").split())
    number = (data.number or "").strip()
    if not NUMBER_SHAPE.match(number):
        errors["number"] = _("Enter the decision's number, digits only, e.g. 3125.")
    if not SYMBOL_SHAPE.match(values["symbol"]):
        errors["symbol"] = _("Enter the decision's symbol, e.g. QĐ-BCA.")
    for name, limit in (
        ("parent_body", 200),
        ("issuing_body", 200),
        ("place", 100),
        ("signer_authority", 100),
        ("signer_title", 100),
        ("signer_name", 150),
    ):
        if len(values[name]) > limit:
            errors[name] = _("At most %(n)s characters.") % {"n": limit}
    if not values["issuing_body"]:
        errors["issuing_body"] = _("Enter the issuing body, e.g. “BỘ CÔNG AN”.")
    if not values["signer_title"]:
        errors["signer_title"] = _("Enter the signer's title, e.g. THỨ TRƯỞNG.")
    if not values["signer_name"]:
        errors["signer_name"] = _("Enter the name of the person who signed the decision.")
    decided_on = data.decided_on
    if decided_on is None:
        errors["decided_on"] = _("Enter the date the decision was signed.")
    elif decided_on > _today():
        errors["decided_on"] = _("The decision's date cannot be in the future.")
    elif proposal.submitted_on is not None and decided_on < proposal.submitted_on:
        errors["decided_on"] = _(
            "A decision cannot be dated before its proposal: the memo is dated %(date)s; enter %(date)s or later."
        ) % {"date": format_date(proposal.submitted_on)}
    ids = {n.pk for n in nominees}
    awarded = set(data.awarded_ids) if data.awarded_ids is not None else ids
    if not awarded:
        errors["awarded"] = _("Tick at least one collective or individual the decision awards.")
    elif awarded - ids:
        errors["awarded"] = _("Only the collectives and individuals of this proposal can be awarded by its decision.")
    site = proposal.festival_site
    if data.festival_site_id is not None:
        checked_site = (
            _check_site(
                actor, data.festival_site_id, province=proposal.province, year=proposal.year, field="festival_site"
            )
            if data.festival_site_id
            else None
        )
        if isinstance(checked_site, str):
            errors["festival_site"] = checked_site
        else:
            site = checked_site
    if not errors and decided_on is not None:
        taken = CommendationDecision.objects.filter(
            unit=unit, year=decided_on.year, number=number, symbol=values["symbol"]
        ).first()
        if taken is not None:
            errors["number"] = _("%(unit)s already recorded decision No. %(ref)s in %(year)s; check the number.") % {
                "unit": unit.name,
                "ref": taken.reference,
                "year": decided_on.year,
            }
    if errors:
        raise ValidationFailed(errors=errors)
    assert decided_on is not None
    decision = CommendationDecision(
        proposal=proposal,
        unit=unit,
        number=number,
        year=decided_on.year,
        decided_on=decided_on,
        festival_site=site,
        created_by=actor.user,
        **values,
    )
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:  # the same number recorded a moment ago
        raise ValidationFailed(errors={"number": _("This number was just recorded; check it.")}) from exc
    proposal.nominees.filter(pk__in=awarded).update(awarded=True, decision=decision, active=True)
    proposal.nominees.exclude(pk__in=awarded).update(awarded=False, decision=None, active=False)
    before = {"state": proposal.state}
    proposal.state = ProposalState.DECIDED
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor.user
    _bump(proposal)
    _event(proposal, "decide", actor, unit, decision.reference)
    _audit(
        actor,
        proposal,
        "decide",
        before=before,
        after={
            "state": proposal.state,
            "decision": decision.reference,
            "decided_on": decided_on,
            "signer": decision.signer_name,
            "awarded": sorted(awarded),
        },
    )
    records_changed(
        province=proposal.province,
        commune=proposal.commune,
        days=[decided_on, _today()],
        sources=AWARD_SOURCES,
    )
    return decision
