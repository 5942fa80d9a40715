"""Festival sites as files to take away: the import template, the listing as .xlsx and as an
iCalendar feed (.ics)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from antq.core.sheets import secure_sheet, sheet_row
from antq.core.text import safe_text
from antq.festivals.models import PROGRAMME_PARTS, FestivalSite, PilotTier, ProgrammeItem, ProgrammePart
from antq.festivals.spreadsheets.imports import COLUMNS, PROGRAMME_NAMES_VI
from antq.plans.models import Plan
from antq.units.models import Unit

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def sites_template(*, plan: Plan, units: Iterable[Unit]) -> bytes:
    """An import template for a plan: the header row, one prefilled row per unit given (e.g. the
    commune's villages), and a Guide sheet with the programme items and the pilot tiers."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Diem to chuc"
    sheet.append([c.header for c in COLUMNS])
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for unit in units:
        sheet.append([unit.code, "", None, "07:30", "", "", None, None, "", "", "", None])
    widths = (14, 40, 14, 11, 11, 40, 10, 10, 12, 48, 30, 14)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Huong dan")
    guide.append([_("Plan"), f"{plan.reference} {plan.title}".strip()])
    guide.append([_("Festival window"), f"{plan.window_start:%d/%m/%Y} – {plan.window_end:%d/%m/%Y}"])
    guide.append([_("Date format"), "dd/mm/yyyy"])
    guide.append([_("Pilot tier"), _("empty = wide rollout; “Bộ” = Ministry pilot; “Tỉnh” = province pilot")])
    guide.append([_("Programme items"), _("separate with a semicolon ;")])
    for part, items in PROGRAMME_PARTS.items():
        guide.append([str(ProgrammePart(part).label)])
        guide.cell(row=guide.max_row, column=1).font = Font(bold=True)
        for item in items:
            guide.append(["", PROGRAMME_NAMES_VI[item][0], item])
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 60
    secure_sheet(sheet)
    secure_sheet(guide)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sites_xlsx(sites: Iterable[FestivalSite]) -> bytes:
    """The listing as a workbook (write-only: flat memory however many rows)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Festival sites")[:31])
    headers = [
        _("Province"), _("Commune"), _("Unit code"), _("Organising unit"), _("Name"), _("Pilot tier"),
        _("Date"), _("Starts"), _("Ends"), _("Venue"), _("Latitude"), _("Longitude"), _("State"),
        _("Programme"), _("Invited leaders"), _("Expected participants"), _("Plan"),
    ]  # fmt: skip
    sheet.append(sheet_row(sheet, headers))
    labels = dict(ProgrammeItem.choices)
    for site in sites:
        local = timezone.localtime(site.starts_at)
        ends = timezone.localtime(site.ends_at) if site.ends_at else None
        sheet.append(
            sheet_row(
                sheet,
                [
                    site.province.name if site.province else "",
                    site.commune.name if site.commune else "",
                    site.unit.code,
                    site.unit.name,
                    site.name,
                    str(PilotTier(site.pilot_tier).label) if site.pilot_tier else "",
                    local.date(),
                    local.strftime("%H:%M"),
                    ends.strftime("%H:%M") if ends else "",
                    site.venue,
                    site.latitude,
                    site.longitude,
                    str(site.get_state_display()),
                    "; ".join(str(labels.get(p.item, p.item)) for p in site.programme.all()),
                    site.invited_leaders,
                    site.expected_participants,
                    site.plan.reference,
                ],
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sites_ics(sites: Iterable[FestivalSite], *, host: str) -> bytes:
    """An iCalendar feed (RFC 5545) officers import into their phone's calendar."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//ANTQ//Festival sites//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Festival sites"))
    stamp = timezone.now()
    for site in sites:
        event = Event()
        event.add("uid", f"site-{site.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", site.starts_at)
        event.add("dtend", site.ends_at or site.starts_at + dt.timedelta(hours=4))
        event.add("summary", safe_text(site.name))
        event.add("location", safe_text(f"{site.venue}, {site.unit.name}"))
        if site.latitude is not None and site.longitude is not None:
            event.add("geo", (site.latitude, site.longitude))
        event.add("status", "CANCELLED" if site.state == "cancelled" else "CONFIRMED")
        description = [str(site.get_state_display())]
        if site.pilot_tier:
            description.append(str(PilotTier(site.pilot_tier).label))
        if site.invited_leaders:
            description.append(site.invited_leaders)
        event.add("description", safe_text(" · ".join(description)))
        event.add("sequence", site.version)
        calendar.add_component(event)
    return calendar.to_ical()
