"""Recording the decision that closes a proposal (a leader of the level that decides: the province
for commune- and province-level forms, the Ministry for the others, which also records the Prime
Minister's).

In one transaction with the proposal locked (`lock_for_write`: scope 404, role 403, version 409):
the decision is checked — its header by the Decree 30 rules (`antq.core.documents.header`: number
in digits, symbol "QĐ-…", date not in the future, signer), its date not before the memo's, the
nominees it awards among the proposal's, its number not used twice by the deciding unit in a year
— then stored, the awarded nominees marked, the proposal decided, and the reports of the
proposal's commune told (`records_changed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.commendations import permissions, wording
from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.prefill import AWARD_SOURCES
from antq.commendations.proposals.checks import document_header, site_checked, today
from antq.commendations.proposals.models import LEVEL_IN_TEXT, AuthorityLevel, CommendationProposal, ProposalState
from antq.commendations.proposals.services import lock_waiting_above, record_event
from antq.core.actor import Actor
from antq.core.audit import audit_record
from antq.core.documents.header import DECISION, header_errors
from antq.core.errors import ValidationFailed
from antq.core.text import format_date
from antq.core.writes import bump_version
from antq.reporting.records import records_changed
from antq.units.models import Unit

# Header lines that default to the deciding level's usual ones (`wording.decision_defaults`).
HEADER_FIELDS = (
    "symbol",
    "parent_body",
    "issuing_body",
    "place",
    "signer_authority",
    "signer_title",
    "basis",
    "recipients",
)


@dataclass(frozen=True)
class DecisionInput:
    """A decision as recorded. Header lines left None take the deciding level's usual ones;
    `festival_site_id` None keeps the proposal's site (0: none); `awarded_ids` None awards every
    nominee."""

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


def _header_errors(proposal: CommendationProposal, number: str, values: dict[str, Any]) -> dict[str, str]:
    decided_on: dt.date | None = values["decided_on"]
    header = document_header(DECISION, number=number, symbol=values["symbol"], signed_on=decided_on, texts=values)
    errors = header_errors(header, fields={"signed_on": "decided_on"})
    # A decision is always numbered, signed and dated, and never before the memo it answers.
    if not number:
        errors["number"] = _("Enter the decision's number, digits only, e.g. 3125.")
    if not values["signer_title"]:
        errors["signer_title"] = _("Enter the signer's title, e.g. THỨ TRƯỞNG.")
    if not values["signer_name"]:
        errors.setdefault("signer_name", _("Enter the name of the person who signed the decision."))
    if decided_on is None:
        errors.setdefault("decided_on", _("Enter the date the decision was signed."))
    elif "decided_on" not in errors and proposal.submitted_on is not None and decided_on < proposal.submitted_on:
        errors["decided_on"] = _(
            "A decision cannot be dated before its proposal: the memo is dated %(date)s; enter %(date)s or later."
        ) % {"date": format_date(proposal.submitted_on)}
    return errors


def _number_taken(unit: Unit, number: str, symbol: str, decided_on: dt.date) -> str | None:
    taken = CommendationDecision.objects.filter(unit=unit, year=decided_on.year, number=number, symbol=symbol).first()
    if taken is None:
        return None
    return _("%(unit)s already recorded decision No. %(ref)s in %(year)s; check the number.") % {
        "unit": unit.name,
        "ref": taken.reference,
        "year": decided_on.year,
    }


@transaction.atomic
def proposal_decide(*, actor: Actor, proposal_id: int, version: int, data: DecisionInput) -> CommendationDecision:
    """Record the decision of the level that decides (a leader there): its number, date and
    signer, and which nominees it awards (all unless `awarded_ids` says otherwise). The awarded
    nominees count in the reports of their commune (or province) from the decision's date."""
    proposal, unit = lock_waiting_above(actor, proposal_id, version, permissions.can_decide_proposal, _("decided"))
    if not permissions.decides_at_acting_level(proposal):
        raise ValidationFailed(
            errors={
                "state": _("This proposal asks for %(level)s: the province forwards it to the Ministry, which decides.")
                % {"level": LEVEL_IN_TEXT[AuthorityLevel(proposal.authority_level)]}
            }
        )
    nominees = list(proposal.nominees.all())
    defaults = wording.decision_defaults(proposal, [n.award_form for n in nominees])
    values: dict[str, Any] = {
        name: (defaults[name] if getattr(data, name) is None else getattr(data, name)).strip() for name in HEADER_FIELDS
    }
    values["reward"] = (data.reward or "").strip()
    values["signer_name"] = " ".join((data.signer_name or "").split())
    values["decided_on"] = decided_on = data.decided_on
    number = (data.number or "").strip()
    errors = _header_errors(proposal, number, values)
    ids = {n.pk for n in nominees}
    awarded = set(data.awarded_ids) if data.awarded_ids is not None else ids
    if not awarded:
        errors["awarded"] = _("Tick at least one collective or individual the decision awards.")
    elif awarded - ids:
        errors["awarded"] = _("Only the collectives and individuals of this proposal can be awarded by its decision.")
    values["festival_site"] = proposal.festival_site
    if data.festival_site_id is not None:
        site = (
            site_checked(actor, data.festival_site_id, province=proposal.province, year=proposal.year)
            if data.festival_site_id
            else None
        )
        if isinstance(site, str):
            errors["festival_site"] = site
        else:
            values["festival_site"] = site
    if not errors and decided_on is not None and (taken := _number_taken(unit, number, values["symbol"], decided_on)):
        errors["number"] = taken
    if errors:
        raise ValidationFailed(errors=errors)
    assert decided_on is not None
    decision = CommendationDecision(
        proposal=proposal, unit=unit, number=number, year=decided_on.year, created_by=actor.user, **values
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
    bump_version(proposal, "state", "decided_at", "decided_by")
    record_event(proposal, "decide", actor, unit, decision.reference)
    after = {
        "state": proposal.state,
        "decision": decision.reference,
        "decided_on": decided_on,
        "signer": decision.signer_name,
        "awarded": sorted(awarded),
    }
    audit_record(actor, "commendation.decide", target=proposal, before=before, after=after)
    records_changed(
        province=proposal.province, commune=proposal.commune, days=[decided_on, today()], sources=AWARD_SOURCES
    )
    return decision
