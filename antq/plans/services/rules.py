"""The rules a plan obeys, checked by the services before they write (field -> message).

- every plan: its title, its official header (core.documents.header: symbol KH-…, issuing body,
  place, limits; once numbered, the date it was signed and the signer's name), its year, its
  festival window and the deadlines inside it;
- the cascade (issue 3): a province plan cites an in-force central plan of its year, a commune
  plan its own province's, and a plan's window lies inside its parent's;
- issuing: the number (unique per issuer, year and symbol), the date of issue within the plan's
  year or late in the year before, before the window ends and not before the parent's date;
- amending: a narrowed window must still hold the plans and the records below (sites, through
  antq.plans.hooks).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from antq.core.documents.header import PLAN, Header, header_errors
from antq.core.text import format_date
from antq.plans import hooks
from antq.plans.models import IN_FORCE_STATES, Plan
from antq.units.models import COMMUNE_KINDS, PROVINCE_KINDS, UnitKind

YEAR_RANGE = (2005, 2100)  # the festival exists since Decision 521/2005
TITLE_LIMIT = 500
HEADER_FIELDS = {"signed_on": "issued_on"}  # the header's names -> the plan's fields


def plan_errors(plan: Plan) -> dict[str, str]:
    """Rules every plan (draft or in force) obeys, on its values as they will be stored."""
    errors: dict[str, str] = {}
    if not plan.title:
        errors["title"] = _("Enter the plan's title, e.g. “Tổ chức Ngày hội toàn dân bảo vệ ANTQ năm 2026”.")
    elif len(plan.title) > TITLE_LIMIT:
        errors["title"] = _("At most %(n)s characters.") % {"n": TITLE_LIMIT}
    header = Header(
        document_type=PLAN,
        number=plan.number,
        symbol=plan.symbol,
        signed_on=plan.issued_on,
        signer_name=plan.signer_name,
        issuing_body=plan.issuing_body,
        place=plan.place,
        parent_body=plan.parent_body,
        signer_authority=plan.signer_authority,
        signer_title=plan.signer_title,
    )
    errors.update(header_errors(header, fields=HEADER_FIELDS))
    if not (YEAR_RANGE[0] <= plan.year <= YEAR_RANGE[1]):
        errors["year"] = _("Enter a year between %(a)s and %(b)s.") % {"a": YEAR_RANGE[0], "b": YEAR_RANGE[1]}
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
    errors.update(_cascade_errors(plan))
    return errors


def _cascade_errors(plan: Plan) -> dict[str, str]:
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


def issue_errors(plan: Plan, *, number: str, issued_on: dt.date | None) -> dict[str, str]:
    """What only issuing checks (the header's own rules come with `plan_errors` once the number
    is set): a number, the date against the plan's year, window and parent, the number free."""
    errors: dict[str, str] = {}
    if not number:
        errors["number"] = _("Enter the number given by the records office, digits only, e.g. 4955.")
    elif (
        Plan.objects.filter(issuer=plan.issuer, year=plan.year, number=number, symbol=plan.symbol)
        .exclude(pk=plan.pk)
        .exists()
    ):
        errors["number"] = _("%(unit)s already issued No. %(ref)s in %(year)s; check the number.") % {
            "unit": plan.issuer.name,
            "ref": f"{number}/{plan.symbol}",
            "year": plan.year,
        }
    parent = plan.parent_plan
    if issued_on is None:
        errors["issued_on"] = _("Enter the date the plan was signed.")
    elif not (plan.year - 1 <= issued_on.year <= plan.year) or issued_on > plan.window_end:
        errors["issued_on"] = _(
            "A plan for %(year)s is issued in %(year)s or late in the year before, and before its window ends."
        ) % {"year": plan.year}
    elif parent is not None and parent.issued_on and issued_on < parent.issued_on:
        errors["issued_on"] = _("This plan cannot be issued before %(date)s, the date of %(ref)s it implements.") % {
            "date": format_date(parent.issued_on),
            "ref": parent.reference,
        }
    return errors


def window_fits_below(plan: Plan) -> dict[str, str]:
    """After an amendment narrows the window, plans and records below must still fit inside it."""
    child = (
        plan.child_plans.filter(state__in=IN_FORCE_STATES)
        .exclude(window_start__gte=plan.window_start, window_end__lte=plan.window_end)
        .select_related("issuer")
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
    outside = hooks.records_outside_window(plan)
    return {"window_start": outside} if outside else {}
