"""Accessibility as a test (issue 18). Every officer page, as a commune officer (camlam.officer) and
as a province leader (khanhhoa.leader), in Debian's Chromium at 360 × 740 with touch (a cheap phone),
must have

- no axe-core violation of impact "serious" or "critical" (axe-core is an npm package of
  package.json, read from node_modules/ and added to every page as an init script: nothing is
  downloaded while the test runs, and the page's CSP does not apply to it);
- no sideways scrolling of the page: `document.documentElement.scrollWidth` beyond the 360 px
  viewport (`clientWidth`; on an emulated phone `innerWidth` grows with the content);
- no box that scrolls sideways inside the page (a table wider than the phone hides its right-hand
  columns: lists become cards instead, `table.cards` in app.css);
- tap targets of at least 44 × 44 px (WCAG 2.5.5) on everything in the top bar and its menu, on
  every button, form control and summary, and on links that stand alone (alone in their table
  cell, list item, breadcrumb or paragraph). Exempt, and only reported: links inside running text,
  as WCAG 2.5.8's "inline" exception allows, i.e. a link whose block holds other words (letters or
  digits outside any target; "›" and "," do not count). A checkbox or radio counts with its label,
  which is what a finger presses. Leaflet's markers are exempt (the list is the accessible way to
  the same sites); its zoom buttons are not.

The menu is checked too: one control with aria-controls that says aria-expanded, opens from the
keyboard, and whose items pass the same checks open; and it opens with JavaScript off.

The pages are the HTML routes of the URL resolver, each filled with demo objects the user can see
(`PAGES`); every route is there or in `NOT_PAGES` with the reason, so a new route needs a decision
(`test_every_route_is_audited_or_excused`). Accounts and the audit log are visited only by a user
who manages accounts; pages neither role may open are visited as the Ministry's leader
(`MINISTRY_PAGES`). A page that answers 403 is listed in the report, not audited; any other status
but 200 is a failure (but 404 for the page of an address that does not exist: `EXPECTED_STATUS`).
A draft plan (the demo leaves none) is written in the browser on the way, as an officer would, on
the live server's copy of the database.

One Chromium, one page per role, the roles at once (async Playwright), against the live server of
test_browser.py. `ANTQ_A11Y_REPORT=path` writes everything found as JSON, exempt links included."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import CHROMIUM, PASSWORD, ROOT, server  # noqa: F401 (the live server)
from tests.test_routes import _html_route_names

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTH, HEIGHT = 360, 740
ROLES = ("camlam.officer", "khanhhoa.leader")
# Pages neither role may open (403 to both) are audited as the Ministry's leader, who may.
MINISTRY = "bo.leader"
MINISTRY_PAGES = frozenset({"commendations:return", "commendations:decide"})
FORM, SEASON = "ket-qua-ngay-hoi", "2026"  # the festival's results report and the demo's season


@dataclass
class Demo:
    """Demo objects one user can see, to fill the routes' path parameters."""

    username: str
    user_id: int
    other_user_id: int  # an account the user may open (themselves when they manage nobody)
    home: str  # the user's unit
    village: str  # a village the user may edit, move and close (under Xã Cam Lâm)
    plan_id: int  # the home unit's plan of the season, in force
    site_id: int  # a held site the user may enter results for
    reports: list[str] = field(default_factory=list)  # own, one to decide (and its approval), one to enter
    initiative_id: int = 0
    exemplar_id: int = 0
    pledge_id: int = 0
    proposals: list[int] = field(default_factory=list)  # one commendation proposal per state
    editable: list[int] = field(default_factory=list)  # a proposal the user may edit (at most one)
    returnable: list[int] = field(default_factory=list)  # ... return with a reason
    decidable: list[int] = field(default_factory=list)  # ... record the decision on
    manages: bool = False  # leads somewhere: accounts and the audit log (else they answer 404)


def demo_for(username: str) -> Demo:
    from antq.accounts.models import User
    from antq.accounts.permissions import can_view_audit, users_visible_to
    from antq.commendations.permissions import actions_for, proposals_visible_to
    from antq.core.actor import Actor
    from antq.festivals.models import SiteState
    from antq.festivals.permissions import sites_visible_to
    from antq.plans.models import PlanState
    from antq.plans.permissions import plans_visible_to
    from antq.registry.exemplars.permissions import exemplars_visible_to
    from antq.registry.initiatives.permissions import initiatives_visible_to
    from antq.registry.pledges.permissions import pledges_visible_to
    from antq.reporting.models import ReportState
    from antq.reporting.reports.permissions import can_decide_report, reports_visible_to

    user = User.objects.get(username=username)
    actor = Actor.of(user)
    assert user.home_unit is not None
    home = user.home_unit.code
    others = User.objects.filter(users_visible_to(actor)).exclude(pk=user.pk).order_by("username")
    plan = plans_visible_to(actor).filter(issuer__code=home, year=int(SEASON)).exclude(state=PlanState.DRAFT).get()
    site = sites_visible_to(actor).filter(state=SiteState.HELD, commune__code="22453").order_by("pk").first()
    assert site is not None, "the demo leaves held sites in Xã Cam Lâm"
    reports = reports_visible_to(actor).select_related("form", "period", "unit").order_by("pk")
    report_pages = [f"/reports/{FORM}/{SEASON}/{home}/"]
    for state in (ReportState.SUBMITTED, ReportState.DRAFT):
        report = reports.filter(state=state).exclude(unit__code=home).first() or reports.filter(state=state).first()
        if report is not None:
            path = f"/reports/{report.form.code}/{report.period.key}/{report.unit.code}/"
            report_pages.append(path)
            if state == ReportState.SUBMITTED and can_decide_report(actor, report.unit):
                report_pages.append(f"{path}?confirm=approve")  # the question before approving
    proposals: dict[str, int] = {}
    acts: dict[str, list[int]] = {"edit": [], "return": [], "decide": []}
    for proposal in proposals_visible_to(actor).select_related("unit").order_by("pk"):
        proposals.setdefault(proposal.state, proposal.pk)
        for action in actions_for(actor, proposal):
            if action in acts and not acts[action]:  # the first proposal each action applies to
                acts[action].append(proposal.pk)

    def first(queryset: Any) -> int:
        return int(queryset.order_by("pk").values_list("pk", flat=True)[0])

    return Demo(
        username=username,
        user_id=user.pk,
        other_user_id=others.values_list("pk", flat=True).first() or user.pk,
        home=home,
        village="22453-0001",
        plan_id=plan.pk,
        site_id=site.pk,
        reports=list(dict.fromkeys(report_pages)),
        initiative_id=first(initiatives_visible_to(actor)),
        exemplar_id=first(exemplars_visible_to(actor)),
        pledge_id=first(pledges_visible_to(actor)),
        proposals=sorted(proposals.values()),
        editable=acts["edit"],
        returnable=acts["return"],
        decidable=acts["decide"],
        manages=can_view_audit(actor),
    )


# Every HTML route a user opens, with the paths that show it (demo objects the user can see).
# A callable taking the page returns the path after doing what the page needs first.
Paths = Callable[[Demo], list[str]]
PAGES: dict[str, Paths] = {
    "home": lambda d: ["/"],
    "audit": lambda d: ["/audit/"] if d.manages else [],
    "accounts:login": lambda d: ["/accounts/login/"],  # before logging in
    "accounts:tokens": lambda d: ["/accounts/tokens/"],
    "accounts:list": lambda d: ["/accounts/"] if d.manages else [],
    "accounts:create": lambda d: ["/accounts/new/"] if d.manages else [],
    "accounts:detail": lambda d: [f"/accounts/{d.other_user_id}/"],
    "units:list": lambda d: ["/units/"],
    "units:detail": lambda d: [f"/units/{d.home}/", f"/units/{d.village}/"],
    "units:create": lambda d: [f"/units/{d.home}/add/"],
    "units:edit": lambda d: [f"/units/{d.village}/edit/"],
    "units:move": lambda d: [f"/units/{d.village}/move/"],
    "units:close": lambda d: [f"/units/{d.village}/close/"],
    "plans:list": lambda d: ["/plans/"],
    "plans:create": lambda d: ["/plans/new/"],
    "plans:detail": lambda d: [f"/plans/{d.plan_id}/", "draft:"],
    "plans:edit": lambda d: ["draft:edit/"],
    "plans:issue": lambda d: ["draft:issue/"],
    "plans:amend": lambda d: [f"/plans/{d.plan_id}/amend/"],
    "plans:board": lambda d: [f"/plans/{d.plan_id}/board/"],
    "plans:close": lambda d: [f"/plans/{d.plan_id}/close/"],  # the question before closing
    "plans:delete": lambda d: ["draft:delete/"],
    "festivals:list": lambda d: ["/sites/"],
    "festivals:calendar": lambda d: ["/sites/calendar/"],
    "festivals:map": lambda d: ["/sites/map/"],
    "festivals:create": lambda d: ["/sites/new/"],
    "festivals:bulk": lambda d: ["/sites/bulk/"],
    "festivals:import": lambda d: ["/sites/import/"],
    "festivals:detail": lambda d: [f"/sites/{d.site_id}/"],
    "festivals:edit": lambda d: [f"/sites/{d.site_id}/edit/"],
    "reporting:index": lambda d: ["/reports/"],
    "reporting:indicators": lambda d: ["/reports/indicators/"],
    "reporting:site_results": lambda d: [f"/reports/sites/{d.site_id}/"],
    "reporting:overview": lambda d: [f"/reports/{FORM}/{SEASON}/"],
    "reporting:import": lambda d: [f"/reports/{FORM}/{SEASON}/import/"],
    "reporting:report": lambda d: d.reports,
    "registry:initiative_list": lambda d: ["/registry/"],
    "registry:initiative_counts": lambda d: ["/registry/counts/"],
    "registry:initiative_create": lambda d: ["/registry/new/"],
    "registry:initiative_detail": lambda d: [f"/registry/{d.initiative_id}/"],
    "registry:initiative_edit": lambda d: [f"/registry/{d.initiative_id}/edit/"],
    "registry:initiative_delete": lambda d: [f"/registry/{d.initiative_id}/delete/"],
    "registry:type_list": lambda d: ["/registry/types/"],
    "registry:exemplar_list": lambda d: ["/registry/exemplars/"],
    "registry:exemplar_create": lambda d: ["/registry/exemplars/new/"],
    "registry:exemplar_detail": lambda d: [f"/registry/exemplars/{d.exemplar_id}/"],
    "registry:exemplar_edit": lambda d: [f"/registry/exemplars/{d.exemplar_id}/edit/"],
    "registry:exemplar_delete": lambda d: [f"/registry/exemplars/{d.exemplar_id}/delete/"],
    "registry:pledge_list": lambda d: ["/registry/pledges/"],
    "registry:pledge_create": lambda d: ["/registry/pledges/new/"],
    "registry:pledge_detail": lambda d: [f"/registry/pledges/{d.pledge_id}/"],
    "registry:pledge_edit": lambda d: [f"/registry/pledges/{d.pledge_id}/edit/"],
    "registry:pledge_delete": lambda d: [f"/registry/pledges/{d.pledge_id}/delete/"],
    "commendations:list": lambda d: ["/commendations/"],
    "commendations:create": lambda d: ["/commendations/new/"],
    "commendations:detail": lambda d: [f"/commendations/{pk}/" for pk in d.proposals],
    "commendations:edit": lambda d: [f"/commendations/{pk}/edit/" for pk in d.editable],
    "commendations:return": lambda d: [f"/commendations/{pk}/return/" for pk in d.returnable],
    "commendations:decide": lambda d: [f"/commendations/{pk}/decide/" for pk in d.decidable],
    "dashboards:show": lambda d: ["/dashboard/"],
    "not_found": lambda d: ["/khong-co-trang-nay/"],  # the 404 page an officer meets (answers 404)
}
EXPECTED_STATUS = {"/khong-co-trang-nay/": 404}

# Routes that are not pages an officer opens, and why.
POST_ONLY = "an action (POST only); its page is audited where its form is"
DOWNLOAD = "a file download, not a page"
FRAGMENT = "an htmx fragment, audited inside the page that loads it"
NOT_PAGES: dict[str, str] = {
    "health": "the load balancer's JSON",
    "set_language": "POST only: the language switch in the top bar",
    "accounts:logout": POST_ONLY,
    "accounts:otp_verify": "administrators only, between password and session (tests/test_browser.py)",
    "accounts:otp_setup": "administrators only, between password and session",
    "accounts:token_revoke": POST_ONLY,
    "units:picker": FRAGMENT,
    "plans:attach": POST_ONLY,
    "plans:attachment": DOWNLOAD,
    "plans:docx": DOWNLOAD,
    "plans:pdf": DOWNLOAD,
    "plans:task_add": POST_ONLY,
    "plans:task_remove": POST_ONLY,
    "plans:task_done": POST_ONLY,
    "festivals:import_template": DOWNLOAD,
    "festivals:transition": POST_ONLY,
    "reporting:period_update": POST_ONLY,
    "reporting:export": POST_ONLY,
    "reporting:document": DOWNLOAD,
    "core:job_file": DOWNLOAD,
    "core:job": "only the nation's export of every commune runs as a job (the Ministry, on an office PC)",
    "registry:initiative_sources": FRAGMENT,
    "registry:initiative_status": POST_ONLY,
    "registry:initiative_evaluate": POST_ONLY,
    "registry:initiative_photo_add": POST_ONLY,
    "registry:initiative_photo": DOWNLOAD,
    "registry:initiative_photo_delete": POST_ONLY,
    "registry:exemplar_publish": POST_ONLY,
    "registry:exemplar_unpublish": POST_ONLY,
    "registry:pledge_choices": FRAGMENT,
    "commendations:submit": POST_ONLY,
    "commendations:forward": POST_ONLY,
    "commendations:withdraw": POST_ONLY,
    "commendations:docx": DOWNLOAD,
    "commendations:pdf": DOWNLOAD,
    "commendations:decision_docx": DOWNLOAD,
    "commendations:decision_pdf": DOWNLOAD,
    # The catalogue's editor belongs to the nation's administrators (second factor, an office PC);
    # everyone reads the catalogue at /reports/indicators/ (audited).
    "catalogue:forms": "the nation's administrators only (403 for officers and leaders)",
    "catalogue:form_create": "the nation's administrators only",
    "catalogue:form_edit": "the nation's administrators only",
    "catalogue:form_indicators": "the nation's administrators only",
    "catalogue:indicator_create": "the nation's administrators only",
    "catalogue:indicator_edit": "the nation's administrators only",
    "catalogue:indicator_delete": POST_ONLY,
    "catalogue:option_create": "the nation's administrators only",
    "catalogue:option_edit": "the nation's administrators only",
    "catalogue:option_delete": POST_ONLY,
    "catalogue:rule_create": "the nation's administrators only",
    "catalogue:rule_delete": POST_ONLY,
    "registry:type_create": "the nation's administrators only",
    "registry:type_edit": "the nation's administrators only",
}


def test_every_route_is_audited_or_excused() -> None:
    routes = set(_html_route_names())
    both = sorted(set(PAGES) & set(NOT_PAGES))
    assert not both, f"routes both audited and excused: {both}"
    missing = sorted(routes - set(PAGES) - set(NOT_PAGES))
    assert not missing, f"HTML routes neither audited (PAGES) nor excused with a reason (NOT_PAGES): {missing}"
    stale = sorted((set(PAGES) | set(NOT_PAGES)) - routes)
    assert not stale, f"entries for routes that no longer exist: {stale}"


# What runs in the page after axe: sideways scrolling (with the elements sticking out) and the tap
# targets under 44 × 44 px, each with where it is and whether it is exempt.
CHECKS = r"""() => {
  const MIN = 44, W = document.documentElement.clientWidth;  // innerWidth grows with the content on a phone
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) return s + "#" + el.id;
    if (el.getAttribute("name")) s += `[name="${el.getAttribute("name")}"]`;
    else if (el.classList.length) s += "." + [...el.classList].join(".");
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
    const parent = el.parentElement ? el.parentElement.tagName.toLowerCase() : "";
    return `${parent} > ${s}` + (text ? ` "${text.slice(0, 40)}"` : "");
  };
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
    }
    return false;
  };
  const doc = document.documentElement;
  let overflow = null;
  if (doc.scrollWidth > W) {
    const wide = [...document.body.querySelectorAll("*")].filter(
      (el) => el.getBoundingClientRect().right > W + 1 && !clipped(el)
    );
    const outer = wide.filter((el) => !wide.includes(el.parentElement));
    overflow = { scrollWidth: doc.scrollWidth, width: W, elements: outer.slice(0, 5).map(describe) };
  }
  // Scrolling boxes (a table too wide for the phone) hide what is off to their right.
  const scrollers = [...document.querySelectorAll("main *")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
    .filter((el) => !el.closest(".leaflet-container"))
    .map((el) => `${describe(el)}: ${el.scrollWidth} px in ${el.clientWidth}`);
  const TARGETS = "a[href], button, summary, input:not([type=hidden]), select, textarea, [role=button]";
  const visible = (el) => {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && cs.visibility !== "hidden";
  };
  const box = (el) => {
    let r = el.getBoundingClientRect();
    let [l, t, rt, b] = [r.left, r.top, r.right, r.bottom];
    if ((el.type === "checkbox" || el.type === "radio") && el.labels) {
      for (const label of el.labels) {
        const q = label.getBoundingClientRect();
        [l, t, rt, b] = [Math.min(l, q.left), Math.min(t, q.top), Math.max(rt, q.right), Math.max(b, q.bottom)];
      }
    }
    return { w: Math.round(rt - l), h: Math.round(b - t) };
  };
  const targets = [...document.querySelectorAll(TARGETS)].filter(
    (el) => el.closest("header, main") && visible(el) && !el.closest(".leaflet-pane")
  );
  const isTarget = (el) => el.matches(TARGETS);
  const inlineInText = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    if (!block) return false;
    let words = "";
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      let p = node.parentElement, inside = false;
      for (; p && p !== block; p = p.parentElement) if (isTarget(p)) { inside = true; break; }
      if (!inside) words += node.textContent;
    }
    return /[\p{L}\p{N}]/u.test(words);
  };
  const small = [];
  for (const el of targets) {
    const { w, h } = box(el);
    if (w >= MIN && h >= MIN) continue;
    const where = el.closest("header") ? "top bar" : "main";
    const link = el.tagName === "A" && !el.classList.contains("button");
    const kind = where === "top bar" ? "nav" : inlineInText(el) ? "inline" : link ? "link" : "control";
    small.push({ where, kind, target: describe(el), w, h });
  }
  return { overflow, scrollers, small };
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 8).map((n) => n.target.join(" ")),
    }));
}"""

FAILING_SIZES = ("nav", "control", "link")  # "inline" links are reported, not failed


@dataclass
class Finding:
    page: str
    kind: str  # axe rule id, "sideways", "tap target", "status", "browser error"
    detail: str


async def audit(page: Any, path: str) -> tuple[list[Finding], list[dict[str, Any]]]:
    """The findings of the page now open at `path` (failures, and every undersized target). axe is
    in every page already (`walk` adds it as an init script: compiled once, not once a page)."""
    findings = [
        Finding(path, v["id"], f"{v['impact']}: {v['help']} — {'; '.join(v['targets'])}")
        for v in await page.evaluate(AXE_RUN)
    ]
    checks = await page.evaluate(CHECKS)
    if o := checks["overflow"]:
        findings.append(Finding(path, "sideways", f"{o['scrollWidth']} px in {o['width']}: {'; '.join(o['elements'])}"))
    for box in checks["scrollers"]:
        findings.append(Finding(path, "scrolls inside", box))
    for s in checks["small"]:
        if s["kind"] in FAILING_SIZES:
            findings.append(Finding(path, "tap target", f"{s['w']}×{s['h']} {s['kind']} {s['target']}"))
    return findings, [{"page": path, **s} for s in checks["small"]]


async def _draft_plan(page: Any) -> str:
    """Writes a draft of the user's plan (the form comes filled from the plan above); its path."""
    await page.goto("/plans/new/")
    await page.fill("input[name=title]", "Kế hoạch bổ sung (kiểm tra trợ năng)")
    await page.click("main form button[type=submit]")
    await page.wait_for_url("**/plans/*/")
    return "/" + str(page.url).split("/", 3)[3]


async def _menu(page: Any) -> list[Finding]:
    """The menu on the phone: one control that says whether the menu is open, opens it from the
    keyboard, and whose items are audited open."""
    findings: list[Finding] = []
    await page.goto("/")
    toggle = page.locator("header [aria-controls]")
    if await toggle.count() != 1:
        return [Finding("/", "menu", "the menu is not one control with aria-controls")]
    if await toggle.get_attribute("aria-expanded") != "false":
        findings.append(Finding("/", "menu", "the closed menu's control does not say aria-expanded=false"))
    await toggle.focus()
    await page.keyboard.press("Enter")
    try:
        await page.wait_for_selector("header [aria-controls][aria-expanded=true]", timeout=2000)
    except Exception:  # reported
        findings.append(Finding("/", "menu", "Enter on the menu's control does not open it (aria-expanded)"))
    if not await page.locator(f"#{await toggle.get_attribute('aria-controls')}").is_visible():
        findings.append(Finding("/", "menu", "the menu stays hidden once opened"))
    opened, _sizes = await audit(page, "/ (menu open)")
    return findings + opened


async def _menu_without_javascript(browser: Any, base_url: str, username: str) -> list[Finding]:
    """With JavaScript off (or not yet loaded on a slow line) the menu still opens."""
    context = await browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, has_touch=True, is_mobile=True, java_script_enabled=False
    )
    page = await context.new_page()
    await _log_in(page, base_url, username)
    toggle = page.locator("header [aria-controls]")
    if await toggle.count() == 1:
        await toggle.click()
    shown = await page.locator("header nav").is_visible()
    await context.close()
    return [] if shown else [Finding("/", "menu", "without JavaScript the menu does not open")]


async def _log_in(page: Any, base_url: str, username: str) -> None:
    await page.goto(f"{base_url}/accounts/login/")
    await page.fill("input[name=username]", username)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("main button[type=submit]")
    await page.wait_for_url(f"{base_url}/")


@dataclass
class Walk:
    """What one role's walk through every page found."""

    findings: list[Finding] = field(default_factory=list)
    small_targets: list[dict[str, Any]] = field(default_factory=list)  # exempt ones too
    skipped_403: list[str] = field(default_factory=list)
    visited: int = 0
    seconds: float = 0.0


async def walk(
    browser: Any, base_url: str, demo: Demo, axe_source: str, *, login_page: bool, routes: frozenset[str] | None
) -> Walk:
    """Signs in as `demo.username` on a 360 px touch screen and audits every page of `PAGES` (of
    `routes` only, when given; the menu with them all)."""
    context = await browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, has_touch=True, is_mobile=True, locale="vi-VN", base_url=base_url
    )
    await context.add_init_script(script=axe_source)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    result = Walk()
    started = time.monotonic()

    async def visit(path: str) -> None:
        errors.clear()
        try:
            response = await page.goto(path)
        except Exception as error:  # an empty error answer (405) fails the navigation itself
            result.findings.append(Finding(path, "status", str(error).splitlines()[0]))
            await page.wait_for_load_state()  # Chromium's error page, before the next navigation
            return
        status = response.status if response else None
        if status == 403:  # not this role's page
            result.skipped_403.append(path)
            return
        if status != EXPECTED_STATUS.get(path, 200):
            result.findings.append(Finding(path, "status", f"answered {status}"))
            return
        found, small = await audit(page, path)
        result.findings.extend(found)
        result.small_targets.extend(small)
        result.findings.extend(Finding(path, "browser error", e) for e in errors if status == 200 or "404" not in e)
        result.visited += 1

    if login_page:  # before signing in
        await visit("/accounts/login/")
    await _log_in(page, base_url, demo.username)
    if routes is None:
        result.findings.extend(await _menu(page))
    draft = ""
    for route, paths in PAGES.items():
        if route == "accounts:login" or (routes is not None and route not in routes):
            continue
        for path in paths(demo):
            if path.startswith("draft:"):  # a draft of the user's plan, written on the way
                draft = draft or await _draft_plan(page)
                path = draft + path.removeprefix("draft:")
            await visit(path)
    await context.close()
    result.seconds = round(time.monotonic() - started, 1)
    return result


async def walk_all(base_url: str, demos: list[Demo], axe_source: str) -> tuple[dict[str, Walk], list[Finding]]:
    """Every role's walk at once, in one Chromium (a page each), and the menu without JavaScript."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        walks = [
            walk(
                browser,
                base_url,
                d,
                axe_source,
                login_page=i == 0,
                routes=None if d.username in ROLES else MINISTRY_PAGES,
            )
            for i, d in enumerate(demos)
        ]
        *results, menu = await asyncio.gather(*walks, _menu_without_javascript(browser, base_url, demos[0].username))
        await browser.close()
    return {d.username: r for d, r in zip(demos, results, strict=True)}, menu


@pytest.fixture
def demos(db: None) -> list[Demo]:
    """Read before Chromium starts (the ORM is not used while Playwright runs)."""
    return [demo_for(username) for username in (*ROLES, MINISTRY)]


@pytest.mark.browser
@pytest.mark.django_db
def test_every_page_on_a_phone(demos: list[Demo], server: str) -> None:  # noqa: F811
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make assets` (npm ci installs axe-core from package.json)")
    results, menu = asyncio.run(walk_all(server, demos, AXE.read_text()))
    if report := os.environ.get("ANTQ_A11Y_REPORT"):
        data = {name: {**r.__dict__, "findings": [f.__dict__ for f in r.findings]} for name, r in results.items()}
        Path(report).write_text(json.dumps(data, ensure_ascii=False, indent=1))
    lines = [f"  {f.page}  [{f.kind}]  {f.detail}" for f in menu]
    for name, r in results.items():
        lines += [f"  {name}  {f.page}  [{f.kind}]  {f.detail}" for f in r.findings]
    summary = ", ".join(f"{name}: {r.visited} pages in {r.seconds} s" for name, r in results.items())
    assert not lines, f"{len(lines)} accessibility findings ({summary}):\n" + "\n".join(lines)
