"""The rules a proposal's content meets, checked before anything is written: the year and level
asked, the memo's header (Decree 30/2020, `antq.core.documents.header`), the festival site where
awards are handed over, and the list (`antq.commendations.proposals.nominees`). Errors are named by
field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from antq.commendations import wording
from antq.commendations.proposals.models import AuthorityLevel
from antq.commendations.proposals.nominees import CheckedNominee, duplicate_errors, nominees_checked
from antq.core.actor import Actor
from antq.core.documents.header import MEMO, Header, header_errors
from antq.festivals.models import FestivalSite, SiteState
from antq.festivals.permissions import sites_visible_to
from antq.units.models import PROVINCE_KINDS, Unit

if TYPE_CHECKING:
    from antq.commendations.proposals.services import ProposalInput

FIRST_YEAR = 2005  # the festival and its commendations exist since Decision 521/2005
TITLE_LIMIT = 500
# The lines of a memo's or a decision's header besides its number, symbol and date.
HEADER_TEXTS = ("parent_body", "issuing_body", "place", "signer_authority", "signer_title", "signer_name")
# Header lines that default to the proposing unit's usual ones (`wording.proposal_defaults`).
HEADER_FIELDS = ("memo_symbol", *(name for name in HEADER_TEXTS if name != "signer_name"), "recipients")
# The memo's fields under the names the header check uses; the memo's date is `submitted_on`.
MEMO_FIELDS = {"number": "memo_number", "symbol": "memo_symbol", "signed_on": "submitted_on"}


@dataclass
class CheckedProposal:
    values: dict[str, Any] = field(default_factory=dict)
    nominees: list[CheckedNominee] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def today() -> dt.date:
    return timezone.localdate()


def document_header(
    document_type: str, *, number: str, symbol: str, signed_on: dt.date | None, texts: Mapping[str, Any]
) -> Header:
    """The header of a memo or a decision as `antq.core.documents.header` checks it; `texts` holds
    the signer's and the issuing body's lines under the header's names."""
    lines = {name: texts[name] for name in HEADER_TEXTS}
    return Header(document_type=document_type, number=number, symbol=symbol, signed_on=signed_on, **lines)


def memo_header_errors(
    values: Mapping[str, str], *, signed_on: dt.date | None, fields: Mapping[str, str]
) -> dict[str, str]:
    """The Decree 30 header rules for the memo (TTr): number in digits, symbol "TTr-…", a numbered
    memo dated and signed, issuing body and place given, text limits."""
    number, symbol = values["memo_number"], values["memo_symbol"]
    header = document_header(MEMO, number=number, symbol=symbol, signed_on=signed_on, texts=values)
    return header_errors(header, fields=fields)


def site_checked(actor: Actor, site_id: int, *, province: Unit | None, year: int) -> FestivalSite | str:
    """The festival site where awards of `year` are handed over, or what is wrong with it: one the
    actor sees, held, in the proposal's province, that year or the next."""
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
        ) % {"site": site.name, "site_year": site.year, "year": year, "next": year + 1}
    return site


def proposal_checked(
    actor: Actor, unit: Unit, data: ProposalInput, *, proposal_id: int | None, signed_on: dt.date | None
) -> CheckedProposal:
    """`data` as the proposal of `unit` will store it (header lines left None: the unit's usual
    ones), with every rule it breaks. `signed_on` is the memo's date: None until it is submitted,
    so a memo still being prepared carries no number (Decree 30: a numbered document is signed)."""
    checked = CheckedProposal()
    errors, values = checked.errors, checked.values
    year = data.year
    this_year = today().year
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
    if len(values["title"]) > TITLE_LIMIT:
        errors["title"] = _("At most %(n)s characters.") % {"n": TITLE_LIMIT}
    values["reasons"] = (data.reasons or "").strip()
    values["memo_number"] = (data.memo_number or "").strip()
    values["signer_name"] = (data.signer_name or "").strip()
    defaults = wording.proposal_defaults(unit)
    for name in HEADER_FIELDS:
        given = getattr(data, name)
        values[name] = (defaults[name] if given is None else given).strip()
    # Before the memo is dated, a number is refused beside the number: it comes with the date.
    errors.update(memo_header_errors(values, signed_on=signed_on, fields={**MEMO_FIELDS, "signed_on": "memo_number"}))
    values["festival_site"] = None
    if data.festival_site_id:
        site = site_checked(actor, data.festival_site_id, province=unit.province, year=year)
        if isinstance(site, str):
            errors["festival_site"] = site
        else:
            values["festival_site"] = site
    checked.nominees = nominees_checked(data.nominees, level, errors)
    if not errors:
        errors.update(
            duplicate_errors(checked.nominees, province_id=unit.province_id, year=year, exclude_proposal=proposal_id)
        )
    return checked
