"""The proposal list (danh sách trích ngang): each row checked, the rule "one proposal per person,
form and year in a province", and the rows written with the slot they hold.

A nominee `active` holds its (province, year, form, kind, folded name) slot: the services check it
first and name the other proposal; a partial unique index backs it against two saves at once.
Errors are named `nominees.<index>.<field>` (index in the list as sent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antq.commendations.proposals.models import (
    FORMS_BY_LEVEL,
    KINDS_BY_FORM,
    LEVEL_IN_TEXT,
    AuthorityLevel,
    AwardForm,
    CommendationNominee,
    CommendationProposal,
    NomineeKind,
)
from antq.core.errors import ValidationFailed
from antq.core.text import normalise_search

if TYPE_CHECKING:
    from antq.commendations.proposals.services import NomineeInput

MAX_NOMINEES = 500
NOMINEE_LIMITS = {"name": 300, "position": 300, "organisation": 300, "achievement": 4000}


@dataclass(frozen=True)
class CheckedNominee:
    """A row as it will be stored, with its place in the list as sent (for `nominees.<index>.…`
    errors) and its name folded (diacritics and case ignored) for the one-slot rule."""

    index: int
    name_folded: str
    row: NomineeInput


def row_number(index: int) -> int:
    return index + 1


def form_label(form: str) -> str:
    return str(AwardForm(form).label) if form in AwardForm.values else form


def _row_errors(errors: dict[str, str], index: int, row: NomineeInput, level: str) -> None:
    key, number = f"nominees.{index}", row_number(index)
    if row.kind not in NomineeKind.values:
        errors[f"{key}.kind"] = _("Row %(row)s: choose collective or individual.") % {"row": number}
    if not row.name:
        errors[f"{key}.name"] = _("Row %(row)s: enter the full name of the person or collective.") % {"row": number}
    for name, limit in NOMINEE_LIMITS.items():
        if len(getattr(row, name)) > limit:
            errors[f"{key}.{name}"] = _("Row %(row)s: at most %(n)s characters.") % {"row": number, "n": limit}
    if not row.achievement:
        errors[f"{key}.achievement"] = _("Row %(row)s: summarise the achievements (tóm tắt thành tích).") % {
            "row": number
        }
    if row.kind == NomineeKind.INDIVIDUAL and not (row.position or row.organisation):
        errors[f"{key}.position"] = _("Row %(row)s: enter the person's position and unit (chức vụ, đơn vị).") % {
            "row": number
        }
    allowed = FORMS_BY_LEVEL.get(level, frozenset())
    if row.award_form not in AwardForm.values:
        errors[f"{key}.award_form"] = _("Row %(row)s: choose the form of commendation.") % {"row": number}
    elif level in AuthorityLevel.values and row.award_form not in allowed:
        errors[f"{key}.award_form"] = _(
            "Row %(row)s: %(form)s is not given at %(level)s; choose one of: %(allowed)s."
        ) % {
            "row": number,
            "form": form_label(row.award_form),
            "level": LEVEL_IN_TEXT[AuthorityLevel(level)],
            "allowed": ", ".join(form_label(f) for f in AwardForm.values if f in allowed),
        }
    elif row.kind in NomineeKind.values and row.kind not in KINDS_BY_FORM[row.award_form]:
        errors[f"{key}.award_form"] = (
            _("Row %(row)s: the medal is awarded to individuals, not to collectives.")
            if row.award_form == AwardForm.MEDAL
            else _("Row %(row)s: the emulation flag is awarded to collectives, not to individuals.")
        ) % {"row": number}


def nominees_checked(rows: Sequence[NomineeInput], level: str, errors: dict[str, str]) -> list[CheckedNominee]:
    """The list as it will be stored (names with single spaces, texts trimmed); what is wrong goes
    into `errors`."""
    if not rows:
        errors["nominees"] = _("Add at least one collective or individual to the proposal list.")
        return []
    if len(rows) > MAX_NOMINEES:
        errors["nominees"] = _("At most %(n)s rows in one proposal; split the list.") % {"n": MAX_NOMINEES}
        return []
    checked: list[CheckedNominee] = []
    first_seen: dict[tuple[str, str, str], int] = {}
    for index, given in enumerate(rows):
        name = " ".join((given.name or "").split())
        trimmed = {f: (getattr(given, f) or "").strip() for f in ("kind", "award_form", *NOMINEE_LIMITS)}
        row = replace(given, **{**trimmed, "name": name})
        _row_errors(errors, index, row, level)
        if row.name and row.kind in NomineeKind.values and row.award_form in AwardForm.values:
            slot = (row.kind, row.award_form, normalise_search(name))
            seen = first_seen.setdefault(slot, index)
            if seen != index:
                errors.setdefault(
                    f"nominees.{index}.name",
                    _("Row %(row)s repeats row %(first)s: %(name)s is proposed for %(form)s only once.")
                    % {
                        "row": row_number(index),
                        "first": row_number(seen),
                        "name": name,
                        "form": form_label(row.award_form),
                    },
                )
        checked.append(CheckedNominee(index=index, name_folded=normalise_search(name)[:300], row=row))
    return checked


def duplicate_errors(
    nominees: Sequence[CheckedNominee], *, province_id: int | None, year: int, exclude_proposal: int | None
) -> dict[str, str]:
    """The same person or collective (name without diacritics, and kind) may hold one active
    proposal per form and year in a province. Returned and withdrawn proposals, and nominees a
    decision did not award, free their slot."""
    if not nominees:
        return {}
    existing = CommendationNominee.objects.filter(
        province_id=province_id, year=year, active=True, name_folded__in={n.name_folded for n in nominees}
    ).select_related("proposal", "proposal__unit")
    if exclude_proposal is not None:
        existing = existing.exclude(proposal_id=exclude_proposal)
    taken = {(n.kind, n.award_form, n.name_folded): n for n in existing}
    errors: dict[str, str] = {}
    for nominee in nominees:
        other = taken.get((nominee.row.kind, nominee.row.award_form, nominee.name_folded))
        if other is None:
            continue
        errors[f"nominees.{nominee.index}.name"] = _(
            "Row %(row)s: %(name)s is already proposed for %(form)s in %(year)s (“%(title)s”, %(unit)s). "
            "A person or collective is proposed once per form and year; write namesakes apart, e.g. with the "
            "year of birth."
        ) % {
            "row": row_number(nominee.index),
            "name": nominee.row.name,
            "form": form_label(nominee.row.award_form),
            "year": year,
            "title": other.proposal.title,
            "unit": other.proposal.unit.name,
        }
    return errors


def nominees_set_active(proposal: CommendationProposal, active: bool) -> None:
    """Whether the proposal's nominees hold their slot (one proposal per person, form and year)."""
    try:
        with transaction.atomic():
            proposal.nominees.update(active=active)
    except IntegrityError as exc:
        raise ValidationFailed(
            errors={"nominees": _("Someone just proposed one of these people for the same form; try again.")}
        ) from exc


def nominees_write(proposal: CommendationProposal, nominees: Sequence[CheckedNominee], *, active: bool) -> None:
    proposal.nominees.all().delete()
    rows = []
    for n in nominees:
        row = CommendationNominee(
            proposal=proposal, row=row_number(n.index), name_folded=n.name_folded, year=proposal.year, active=active
        )
        for name, value in vars(n.row).items():
            setattr(row, name, value)
        row.place_at(proposal.unit)
        rows.append(row)
    try:
        with transaction.atomic():
            CommendationNominee.objects.bulk_create(rows, batch_size=500)
    except IntegrityError as exc:  # another proposal took one of these people a moment ago
        raise ValidationFailed(
            errors={
                "nominees": _("Someone just proposed one of these people for the same form; save again to see who.")
            }
        ) from exc
