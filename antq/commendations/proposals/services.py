"""Writing proposals: prepare one with its list, edit it, submit it, forward it to the Ministry,
return it with a reason, withdraw it. Recording the decision: `antq.commendations.decisions`.

Every function validates, writes and audits in one transaction; on any error nothing changes.
Each takes the proposal's id and the `version` the actor loaded, and locks the proposal through
`lock_for_write`: outside the actor's area NotFound (404), a role that may not act Forbidden (403),
someone else's save first Conflict (409); then a state that does not allow the action or a rule
broken is ValidationFailed with messages named by field (`nominees.3.name` for the fourth row).

Who may do what, and which level acts next: `antq.commendations.permissions`; the content rules:
`antq.commendations.proposals.checks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.commendations import permissions
from antq.commendations.proposals.checks import (
    HEADER_TEXTS,
    MEMO_FIELDS,
    memo_header_errors,
    proposal_checked,
    today,
)
from antq.commendations.proposals.models import (
    EDITABLE_STATES,
    LEVEL_IN_TEXT,
    PENDING_STATES,
    AuthorityLevel,
    CommendationNominee,
    CommendationProposal,
    ProposalEvent,
    ProposalState,
)
from antq.commendations.proposals.nominees import (
    CheckedNominee,
    duplicate_errors,
    nominees_set_active,
    nominees_write,
)
from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.errors import Forbidden, ValidationFailed
from antq.core.writes import bump_version, lock_for_write, missing
from antq.units.models import Unit
from antq.units.permissions import units_visible_to

NOTE_LIMIT = 2000
# What a write reads of the proposal besides its own row.
RELATED = ("unit", "unit__province", "unit__commune", "province", "commune", "festival_site")


@dataclass(frozen=True)
class NomineeInput:
    """One row of the proposal list as entered."""

    kind: str
    name: str
    award_form: str
    position: str = ""
    organisation: str = ""
    achievement: str = ""

    @classmethod
    def of(cls, nominee: CommendationNominee) -> NomineeInput:
        return cls(**{f.name: getattr(nominee, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class ProposalInput:
    """A proposal's content as entered; the list is always given whole. Header lines left None
    take the proposing unit's usual ones (`wording.proposal_defaults`)."""

    year: int | None
    authority_level: str
    nominees: tuple[NomineeInput, ...] = ()
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

    @classmethod
    def of(cls, proposal: CommendationProposal) -> ProposalInput:
        """The proposal as stored, for an edit that changes only part of it."""
        own = {f.name: getattr(proposal, f.name) for f in fields(cls) if f.name not in ("nominees", "festival_site_id")}
        return cls(
            **own,
            festival_site_id=proposal.festival_site_id,
            nominees=tuple(NomineeInput.of(n) for n in proposal.nominees.all()),
        )


# --- shared by every action on a proposal (decisions too) ----------------------------------------


def lock_proposal(
    actor: Actor,
    proposal_id: int,
    version: int | None,
    allowed: Callable[[Actor, CommendationProposal], bool],
    refusal: str,
) -> CommendationProposal:
    """The proposal locked for a write: in the actor's area (404), the actor's to act on (403, with
    `refusal`, which may name the proposing unit as %(unit)s), at the version they loaded (409)."""
    return lock_for_write(
        permissions.proposals_visible_to(actor),
        proposal_id,
        version=version,
        allowed=lambda p: allowed(actor, p),
        refusal=lambda p: refusal % {"unit": p.unit.name},
        related=RELATED,
    )


def lock_waiting_above(
    actor: Actor,
    proposal_id: int,
    version: int,
    allowed: Callable[[Actor, CommendationProposal], bool],
    doing: str,
) -> tuple[CommendationProposal, Unit]:
    """A proposal waiting above its proposer, locked for the leaders of the level it waits at
    (forward, return, decide), with that level's unit. A proposal not waiting is a state error
    (422), whoever asks."""
    proposal = lock_for_write(
        permissions.proposals_visible_to(actor),
        proposal_id,
        version=version,
        allowed=lambda p: p.state not in PENDING_STATES or allowed(actor, p),
        refusal=lambda p: (
            _("This proposal waits for the leaders of %(unit)s; your role does not allow acting on it.")
            % {"unit": (permissions.acting_unit(p) or p.unit).name}
        ),
        related=RELATED,
    )
    unit = permissions.acting_unit(proposal)
    if proposal.state not in PENDING_STATES or unit is None:
        raise state_error(proposal, doing)
    return proposal, unit


def state_error(proposal: CommendationProposal, doing: str) -> ValidationFailed:
    return ValidationFailed(
        errors={
            "state": _("This proposal is in the state “%(state)s”; it cannot be %(doing)s now.")
            % {"state": ProposalState(proposal.state).label, "doing": doing}
        }
    )


def record_event(proposal: CommendationProposal, action: str, actor: Actor, unit: Unit | None, note: str = "") -> None:
    """One line of the proposal's history (the audit log keeps the field-level changes)."""
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


# --- preparing ---------------------------------------------------------------------------------


@transaction.atomic
def proposal_create(*, actor: Actor, unit_code: str, data: ProposalInput) -> CommendationProposal:
    """A new draft proposal of `unit_code` (a commune or a province; an officer there)."""
    code = (unit_code or "").strip()
    unit = (
        units_visible_to(actor, include_historical=False)
        .filter(code=code)
        .select_related("province", "commune")
        .first()
    )
    if unit is None:
        raise missing(Unit, code)
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
    checked = proposal_checked(actor, unit, data, proposal_id=None, signed_on=None)
    if checked.errors:
        raise ValidationFailed(errors=checked.errors)
    proposal = CommendationProposal(unit=unit, created_by=actor.user, **checked.values)
    proposal.place_at(unit)
    proposal.save()
    nominees_write(proposal, checked.nominees, active=True)
    record_event(proposal, "create", actor, unit)
    audit_record(actor, "commendation.create", target=proposal, after=proposal_snapshot(proposal))
    return proposal


@transaction.atomic
def proposal_update(*, actor: Actor, proposal_id: int, version: int, data: ProposalInput) -> CommendationProposal:
    """Replace a draft or returned proposal's content; the list is replaced as a whole (an officer
    of the proposing unit)."""
    refusal = _("Your role at %(unit)s does not allow editing its proposals.")
    proposal = lock_proposal(actor, proposal_id, version, permissions.can_edit_proposal, refusal)
    if proposal.state not in EDITABLE_STATES:
        raise state_error(proposal, _("edited"))
    checked = proposal_checked(actor, proposal.unit, data, proposal_id=proposal.pk, signed_on=proposal.submitted_on)
    if checked.errors:
        raise ValidationFailed(errors=checked.errors)
    before = proposal_snapshot(proposal)
    for name, value in checked.values.items():
        setattr(proposal, name, value)
    bump_version(proposal, *checked.values)
    # A returned proposal's nominees hold no slot until it is submitted again.
    nominees_write(proposal, checked.nominees, active=proposal.state == ProposalState.DRAFT)
    record_event(proposal, "update", actor, proposal.unit)
    audit_record(actor, "commendation.update", target=proposal, before=before, after=proposal_snapshot(proposal))
    return proposal


# --- the way up --------------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    actor: Actor,
    proposal_id: int,
    version: int,
    submitted_on: dt.date | None = None,
    memo_number: str | None = None,
) -> CommendationProposal:
    """Send the signed memo up (a leader of the proposing unit). `submitted_on` is the memo's date
    (default today), `memo_number` its number (None: the one entered before); a decision cannot be
    dated before the memo."""
    refusal = _("The memo is sent by a leader of %(unit)s; your role there does not allow it.")
    proposal = lock_proposal(actor, proposal_id, version, permissions.can_submit_proposal, refusal)
    if proposal.state not in EDITABLE_STATES:
        raise state_error(proposal, _("submitted"))
    day = submitted_on or today()
    number = (memo_number if memo_number is not None else proposal.memo_number).strip()
    memo = {name: getattr(proposal, name) for name in (*HEADER_TEXTS, "memo_symbol")} | {"memo_number": number}
    errors = memo_header_errors(memo, signed_on=day, fields=MEMO_FIELDS)
    if "submitted_on" not in errors and not (proposal.year <= day.year <= proposal.year + 1):
        errors["submitted_on"] = _("A proposal for %(year)s is submitted in %(year)s or %(next)s.") % {
            "year": proposal.year,
            "next": proposal.year + 1,
        }
    nominees = list(proposal.nominees.all())
    if not nominees:
        errors["nominees"] = _("Add at least one collective or individual to the proposal list.")
    if proposal.state == ProposalState.RETURNED:
        # Its nominees freed their slots while it was returned: someone may have taken one since.
        rows = [CheckedNominee(i, n.name_folded, NomineeInput.of(n)) for i, n in enumerate(nominees)]
        errors.update(
            duplicate_errors(rows, province_id=proposal.province_id, year=proposal.year, exclude_proposal=proposal.pk)
        )
    if errors:
        raise ValidationFailed(errors=errors)
    before = {"state": proposal.state}
    proposal.state = ProposalState.SUBMITTED
    proposal.submitted_on = day
    proposal.submitted_at = timezone.now()
    proposal.submitted_by = actor.user
    proposal.memo_number = number
    bump_version(proposal, "state", "submitted_on", "submitted_at", "submitted_by", "memo_number")
    nominees_set_active(proposal, True)
    record_event(proposal, "submit", actor, proposal.unit)
    after = {"state": proposal.state, "submitted_on": day, "memo": proposal.memo_reference}
    audit_record(actor, "commendation.submit", target=proposal, before=before, after=after)
    return proposal


@transaction.atomic
def proposal_forward(*, actor: Actor, proposal_id: int, version: int, note: str = "") -> CommendationProposal:
    """The province sends a commune's proposal for a Ministry or Government form to the Ministry
    (a leader of the province)."""
    proposal, unit = lock_waiting_above(actor, proposal_id, version, permissions.can_forward_proposal, _("forwarded"))
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
    bump_version(proposal, "state", "forwarded_at", "forwarded_by")
    record_event(proposal, "forward", actor, unit, (note or "").strip()[:NOTE_LIMIT])
    audit_record(
        actor,
        "commendation.forward",
        target=proposal,
        before={"state": ProposalState.SUBMITTED},
        after={"state": proposal.state},
    )
    return proposal


@transaction.atomic
def proposal_return(*, actor: Actor, proposal_id: int, version: int, reason: str) -> CommendationProposal:
    """Send a proposal back to the proposing unit with the reason; it is edited and submitted
    again (a leader of the level it waits at)."""
    proposal, unit = lock_waiting_above(actor, proposal_id, version, permissions.can_return_proposal, _("returned"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            errors={"reason": _("Say why the proposal is returned; the proposing unit will see it.")}
        )
    if len(reason) > NOTE_LIMIT:
        raise ValidationFailed(errors={"reason": _("At most %(n)s characters.") % {"n": NOTE_LIMIT}})
    before = {"state": proposal.state}
    proposal.state = ProposalState.RETURNED
    proposal.returned_at = timezone.now()
    proposal.returned_by = actor.user
    proposal.returned_by_unit = unit
    proposal.return_reason = reason
    bump_version(proposal, "state", "returned_at", "returned_by", "returned_by_unit", "return_reason")
    nominees_set_active(proposal, False)
    record_event(proposal, "return", actor, unit, reason)
    audit_record(
        actor, "commendation.return", target=proposal, before=before, after={"state": proposal.state, "reason": reason}
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: Actor, proposal_id: int, version: int, reason: str = "") -> CommendationProposal:
    """The proposing unit takes its proposal back (a draft or returned one: an officer; a
    submitted one: a leader). Its nominees free their slots; the proposal stays readable."""
    refusal = _("Your role at %(unit)s does not allow withdrawing this proposal.")
    proposal = lock_proposal(actor, proposal_id, version, permissions.can_withdraw_proposal, refusal)
    if proposal.state not in (*EDITABLE_STATES, ProposalState.SUBMITTED):
        raise state_error(proposal, _("withdrawn"))
    before = {"state": proposal.state}
    proposal.state = ProposalState.WITHDRAWN
    proposal.withdrawn_at = timezone.now()
    proposal.withdrawn_by = actor.user
    bump_version(proposal, "state", "withdrawn_at", "withdrawn_by")
    nominees_set_active(proposal, False)
    reason = (reason or "").strip()[:NOTE_LIMIT]
    record_event(proposal, "withdraw", actor, proposal.unit, reason)
    audit_record(
        actor,
        "commendation.withdraw",
        target=proposal,
        before=before,
        after={"state": proposal.state, "reason": reason},
    )
    return proposal
