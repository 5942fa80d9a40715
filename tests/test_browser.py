"""A new user's first minutes, in Debian's Chromium driven by Playwright, against a real server
holding what `make run` loads (migrations, unit tree, demo data): a copy of the test database, on
the engine the suite runs on.

Set ANTQ_SCREENSHOTS=1 to refresh the README screenshot."""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# django_db: the module copies the test database, so it must exist even when these tests run alone.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "antq-demo-2025"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clone_of_the_test_database(var: Path) -> tuple[str, Callable[[], None]]:
    """A copy of this session's test database as it stands between tests: migrated, with the unit
    tree and the demo data that `make run` loads (conftest loads them with the same commands), on
    the engine the suite runs on. Returns its URL and how to drop it."""
    from django.db import connection

    if connection.vendor == "sqlite":
        copy = var / "antq.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)  # type: ignore[union-attr]
        return f"sqlite:///{copy}", lambda: None

    import psycopg

    settings = connection.settings_dict
    source = settings["NAME"]
    name = f"{source}_browser"[:63]
    server = {
        "host": settings.get("HOST") or "127.0.0.1",
        "port": settings.get("PORT") or 5432,
        "user": settings.get("USER") or "postgres",
        "password": settings.get("PASSWORD") or None,
    }
    connection.close()  # PostgreSQL copies a template only while nobody is connected to it

    def admin(sql: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
            conn.execute(sql)

    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    password = f":{server['password']}" if server["password"] else ""
    url = f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    return url, lambda: admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The app served by `runserver` on a copy of the test database (see `_clone_of_the_test_database`)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium")
    var = tmp_path_factory.mktemp("var")
    with django_db_blocker.unblock():
        database_url, drop = _clone_of_the_test_database(var)
    env = {
        **os.environ,
        "ANTQ_VAR_DIR": str(var),
        "DATABASE_URL": database_url,
        "ANTQ_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("ANTQ_MEDIA_ROOT", None)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)
    with django_db_blocker.unblock():
        drop()


@pytest.fixture
def browser(server: str) -> Iterator[object]:
    """Chromium for one test. Started inside the test (after its database transaction began, in
    plain synchronous code): while Playwright's sync API runs, its event loop counts as running in
    this thread, and Django would give any ORM work a connection of its own that nothing closes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, server):  # type: ignore[no-untyped-def]
    """A 360 px wide phone screen, Vietnamese browser."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # 404s are expected where a test opens a unit outside the user's area; anything else is a defect.
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and "404" not in msg.text else None)
    yield page
    context.close()
    log = Path(os.environ.get("ANTQ_BROWSER_SERVER_LOG", "/dev/null")).read_text()[-3000:]
    assert not errors, f"browser errors: {errors}; server log: {log}"


def _log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def test_commune_officer_on_a_phone(phone) -> None:  # type: ignore[no-untyped-def]
    page = phone
    _log_in(page, "camlam.officer")
    page.wait_for_url("**/")
    assert "Xã Cam Lâm" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways at 360 px"

    # Search ignores diacritics; the result list updates through htmx without a reload.
    page.goto("/units/")
    page.fill("input[name=q]", "tan hai")
    page.wait_for_selector("text=Thôn Tân Hải")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Add a village; a duplicate name is refused beside the field, in Vietnamese.
    page.goto("/units/22453/")
    page.click("a[href='/units/22453/add/']")
    page.select_option("select[name=kind]", "village")
    page.fill("input[name=name]", "Thôn Tân Hải")
    page.click("main button[type=submit]")
    assert "đã có" in page.content()
    page.fill("input[name=name]", "Thôn Bãi Giếng")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Thôn Bãi Giếng')")

    # Outside the officer's area: the same page as for a unit that does not exist.
    response = page.goto("/units/42/")
    assert response is not None and response.status == 404
    missing = page.goto("/units/00000/")
    assert missing is not None and missing.status == 404


def test_unit_picker_type_ahead(phone) -> None:  # type: ignore[no-untyped-def]
    page = phone
    _log_in(page, "camlam.officer")
    page.wait_for_url("**/")
    page.goto("/units/22453-0001/move/")
    picker = page.locator("input[name=new_parent]")
    picker.press_sequentially("cam lam", delay=30)
    option = page.locator("button.pick", has_text="Xã Cam Lâm")
    option.first.wait_for()
    option.first.click()
    assert picker.input_value() == "22453"


def test_administrator_needs_the_second_factor(phone, server) -> None:  # type: ignore[no-untyped-def]
    page = phone
    _log_in(page, "khanhhoa.administrator")
    page.wait_for_url("**/accounts/otp/**")
    from django_otp.oath import totp

    from antq.accounts.demo import DEMO_TOTP_KEY

    code = f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"  # the demo devices' fixed key
    page.fill("input[name=token]", code)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{server}/")
    page.goto("/accounts/")
    assert "khanhhoa.viewer" in page.content() and "hatinh.viewer" not in page.content()


def test_language_switch_to_english(phone) -> None:  # type: ignore[no-untyped-def]
    page = phone
    _log_in(page, "hatinh.viewer")
    page.wait_for_url("**/")
    page.click("button[lang=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Units" in page.content()


def test_readme_screenshot(browser, server) -> None:  # type: ignore[no-untyped-def]
    if not os.environ.get("ANTQ_SCREENSHOTS"):
        pytest.skip("set ANTQ_SCREENSHOTS=1 to refresh docs/screenshots")
    context = browser.new_context(viewport={"width": 1200, "height": 800}, locale="vi-VN", base_url=server)
    page = context.new_page()
    _log_in(page, "camlam.officer")
    page.wait_for_url("**/")
    page.goto("/units/22453/")
    target = ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / "unit-detail.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    page.screenshot(path=str(target / "home-phone.png"), full_page=True)
    context.close()


@pytest.fixture
def desk(browser, server):  # type: ignore[no-untyped-def]
    """An office PC screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(f"{msg.text} {msg.location}") if msg.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"browser errors: {errors}"


def _log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.click("nav button.link")  # "Đăng xuất"


def _issue(page, number: str) -> str:  # type: ignore[no-untyped-def]
    """On a draft's page: issue it with `number` (signed by a named signer); returns the plan's URL."""
    page.click("a[href$='/issue/']")
    page.fill("input[name=number]", number)
    page.fill("input[name=signer_name]", "Nguyễn Văn Ký")
    page.click("main button[type=submit]")
    page.wait_for_url("**/plans/*/")
    assert "Đã ban hành" in page.content(), page.content()[:2000]
    return page.url


def test_season_from_the_central_plan_to_a_village_site(desk) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    year = dt.date.today().year + 1
    page = desk
    # The Ministry writes and issues the central plan.
    _log_in(page, "bo.officer")
    page.wait_for_url("**/")
    page.goto("/plans/new/")
    page.fill("input[name=year]", str(year))
    page.fill("input[name=title]", f"Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {year}")
    page.fill("input[name=window_start]", f"{year}-07-01")
    page.fill("input[name=window_end]", f"{year}-08-19")
    page.fill("input[name=target_sites_per_commune]", "1")
    page.click("main button[type=submit]")
    page.wait_for_url("**/plans/*/")
    assert "DỰ THẢO" not in page.content()  # the page says Dự thảo as a state badge, not the document mark
    _issue(page, "172")
    _log_out(page)

    # The province writes its plan from the central one (proposed, with its window) and issues it.
    _log_in(page, "khanhhoa.officer")
    page.wait_for_url("**/")
    page.goto("/plans/new/")
    assert "172/KH-BCĐ" in page.inner_text("select[name=parent_plan]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/plans/*/")
    province_url = _issue(page, "4955")
    _log_out(page)

    # The commune writes and issues its plan, then registers a village site.
    _log_in(page, "camlam.officer")
    page.wait_for_url("**/")
    page.goto("/plans/new/")
    assert "4955/KH-BCĐ" in page.inner_text("select[name=parent_plan]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/plans/*/")
    commune_url = _issue(page, "35")
    plan_id = commune_url.rstrip("/").rsplit("/", 1)[-1]
    page.goto(f"/sites/new/?plan={plan_id}")
    page.fill("input[name=unit]", "22453-0001")
    page.fill("input[name=date]", f"{year}-07-20")
    page.fill("input[name=venue]", "Nhà văn hóa thôn Tân Hải")
    page.check("input[name=programme][value=pledge_signing]")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/sites/*/")
    assert "Nhà văn hóa thôn Tân Hải" in page.content()
    _log_out(page)

    # The province's progress board shows the commune's plan and site at once.
    _log_in(page, "khanhhoa.viewer")
    page.wait_for_url("**/")
    page.goto(province_url + "board/")
    row = page.locator("tr", has_text="Xã Cam Lâm")
    assert "35/KH-BCĐ" in row.inner_text()
    cells = row.locator("td").all_inner_texts()
    assert cells[2] == "1", cells  # sites registered


def _national(page, field: str = "participants") -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """(total, approved, sum over the provinces) of one figure on the national dashboard's data."""
    data = page.request.get("/api/dashboard?unit=VN&form=ket-qua-ngay-hoi&period=2026").json()
    figure = next(f for f in data["figures"] if f["field"] == field)
    provinces = sum(c["values"].get(field) or 0 for c in data["children"])
    return figure["total"] or 0, figure["approved"] or 0, provinces


def test_results_go_up_the_chain_and_reach_the_national_total(phone, desk) -> None:  # type: ignore[no-untyped-def]

    _log_in(desk, "bo.viewer")
    desk.wait_for_url("**/")
    before, approved_before, _ = _national(desk)

    # The commune officer, on a phone, enters the results of each held site of Cam Lâm.
    page = phone
    _log_in(page, "camlam.officer")
    page.wait_for_url("**/")
    page.goto("/sites/?state=held")
    links = sorted(
        {
            h
            for h in page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
            if h and re.fullmatch(r"/sites/\d+/", h)
        }
    )
    assert links, "the demo leaves Cam Lâm's sites held for this walk-through"
    entered = 0
    for index, link in enumerate(links):
        page.goto(link)
        page.click("a[href^='/reports/sites/']")
        people = 800 + 150 * index
        page.fill("input[name='v:participants']", f"{people:,}".replace(",", "."))
        page.fill("input[name='v:gift_packages']", "20")
        page.fill("input[name='v:gift_value']", "10.000.000")
        page.fill("input[name='v:id_cards_issued']", "9000")  # more cards than people: refused
        page.click("main form button[type=submit]")
        assert "phải ≤" in page.inner_text("main"), page.inner_text("main")[:1500]
        page.fill("input[name='v:id_cards_issued']", "30")
        page.click("main form button[type=submit]")
        page.wait_for_url(f"**{link}")
        entered += people
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The national total moved by exactly what was entered, at once; the provinces still add up to it.
    total, _approved, provinces = _national(desk)
    assert total - before == entered and provinces == total

    # The commune submits its report (prefilled from the sites), with 0 in the boxes left empty.
    page.goto("/reports/ket-qua-ngay-hoi/2026/22453/")
    if page.locator("button[value=open]").count():
        page.click("button[value=open]")
    assert page.input_value("input[name='v:participants']") == "" and f"{entered:,}".replace(",", ".") in page.content()
    page.check("input[name=fill_zero]")
    page.click("button[value=submit]")
    page.wait_for_selector("text=Đã gửi")
    with page.expect_download() as download:
        page.click("a[href$='/report.docx']")
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"

    # The province sees completeness, returns one report with a reason and approves the others.
    _log_out(desk)
    _log_in(desk, "khanhhoa.officer")
    desk.wait_for_url("**/")
    desk.goto("/reports/ket-qua-ngay-hoi/2026/?unit=56&state=submitted")
    assert "Xã Cam Lâm" in desk.content()
    waiting = sorted(
        {
            h
            for h in desk.eval_on_selector_all("main table a", "els => els.map(e => e.getAttribute('href'))")
            if h and re.fullmatch(r"/reports/ket-qua-ngay-hoi/2026/\d+/", h)
        }
    )
    returned = next(h for h in waiting if not h.endswith("/22453/"))
    desk.goto(returned)
    desk.click("button[value=return]")  # no reason: refused
    assert "Đã gửi" in desk.content()
    desk.fill("input[name=reason]", "Thiếu số liệu tuyên truyền tại trường học; đề nghị bổ sung.")
    desk.click("button[value=return]")
    desk.wait_for_selector("text=Bị trả lại")
    for link in waiting:
        if link == returned:
            continue
        desk.goto(link)
        desk.click("a[href='?confirm=approve']")  # approving locks the figures: the page asks first
        desk.click("button[value=approve]")
        desk.wait_for_selector("main .badge.ok")
    desk.goto("/reports/ket-qua-ngay-hoi/2026/?unit=56&state=submitted")
    assert "Xã Cam Lâm" not in desk.inner_text("main")

    # The Ministry's dashboard: the approved total now holds Cam Lâm's figures too, and the totals
    # are the sum of the provinces.
    _log_out(desk)
    _log_in(desk, "bo.viewer")
    desk.wait_for_url("**/")
    total_after, approved_after, provinces = _national(desk)
    assert total_after == total and provinces == total_after
    assert approved_after - approved_before >= entered
    desk.goto("/dashboard/")
    assert f"{int(total_after):,}".replace(",", ".") in desk.content()


def test_commune_replicates_another_communes_camera_initiative(phone, desk) -> None:  # type: ignore[no-untyped-def]
    """Issue 5: a commune registers a "Camera bảo đảm ANTT" initiative replicated from another
    commune's (found with the picker, without diacritics); its province sees it in the counts."""
    _log_in(desk, "khanhhoa.viewer")
    desk.wait_for_url("**/")
    desk.goto("/registry/counts/?unit=56")
    row = desk.locator("tr", has_text="Xã Cam Lâm")
    before = int(row.locator("td").nth(1).inner_text().replace(".", ""))

    page = phone
    _log_in(page, "camlam.officer")
    page.wait_for_url("**/")
    page.goto("/registry/new/")
    page.select_option("select[name=type]", "camera")
    page.fill("input[name=unit]", "22453-0001")
    page.fill("input[name=name]", "Camera an ninh thôn Tân Hải")
    page.fill("input[name=count_cameras]", "16")
    page.fill("input[name=source_q]", "camera an ninh khu pho nha trang")
    page.wait_for_selector("#sources input[type=radio]")
    page.check("#sources input[type=radio]")
    page.click("main form.card button[type=submit]")
    page.wait_for_selector("h1:has-text('Camera an ninh thôn Tân Hải')")
    assert "Camera an ninh khu phố Phường Nha Trang" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    desk.goto("/registry/counts/?unit=56")
    row = desk.locator("tr", has_text="Xã Cam Lâm")
    assert int(row.locator("td").nth(1).inner_text().replace(".", "")) == before + 1


def test_a_commune_proposal_goes_up_to_the_ministrys_decision(phone, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 5: a commune proposes a collective and an individual, the province forwards, the
    Ministry decides, and the decision .docx, rendered to PNG, is an official document."""
    from antq.core.documents.convert import convert_docx_to_pdf, libreoffice_available, pdf_to_png_pages

    page = phone
    _log_in(page, "camlam.officer")
    page.wait_for_url("**/")
    page.goto("/commendations/new/")
    page.select_option("select[name=authority_level]", "ministry")
    page.fill("textarea[name=reasons]", "- Phối hợp giữ vững an ninh trật tự tại địa bàn trong năm.")
    page.select_option("select[name=nominees-0-kind]", "collective")
    page.fill("input[name=nominees-0-name]", "Tổ bảo vệ an ninh trật tự thôn Tân Hải")
    page.fill("textarea[name=nominees-0-achievement]", "Không để xảy ra trọng án; vận động giao nộp 3 khẩu súng.")
    page.select_option("select[name=nominees-0-award_form]", "certificate_of_merit")
    page.select_option("select[name=nominees-1-kind]", "individual")
    page.fill("input[name=nominees-1-name]", "Lê Văn Thành")
    page.fill("input[name=nominees-1-position]", "Tổ trưởng")
    page.fill("input[name=nominees-1-organisation]", "Tổ bảo vệ an ninh trật tự thôn Tân Hải")
    page.select_option("select[name=nominees-1-award_form]", "certificate_of_merit")
    page.click("main form.card details summary")  # the memo's header: it is sent up numbered, so it names its signer
    page.fill("input[name=signer_name]", "Phạm Quang Minh")
    page.click("main form.card .actions button:not([name=add_rows])")  # no achievement for row 2: refused
    page.wait_for_selector("fieldset.nominee .field.invalid")
    assert "Dòng 2" in page.inner_text("main")
    page.fill("textarea[name=nominees-1-achievement]", "Trực tiếp bắt giữ 2 đối tượng trộm cắp tài sản.")
    page.click("main form.card .actions button:not([name=add_rows])")
    page.wait_for_url(re.compile(r".*/commendations/\d+/$"))
    proposal = page.url
    assert "Dự thảo" in page.inner_text("main h1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The commune's leader signs the memo and submits it; the province forwards it to the Ministry.
    for username, step in (("camlam.leader", "submit"), ("khanhhoa.leader", "forward")):
        _log_in(desk, username)
        desk.wait_for_url("**/")
        desk.goto(proposal)
        if step == "submit":
            desk.fill("form[action$='/submit/'] input[name=submitted_on]", "2026-08-03")
            desk.fill("form[action$='/submit/'] input[name=memo_number]", "12")
        desk.click(f"form[action$='/{step}/'] button[type=submit]")
        desk.wait_for_selector(f"main h1 .badge.state-{'submitted' if step == 'submit' else 'forwarded'}")
        _log_out(desk)

    # The Ministry's leader records the decision; a date before the memo is refused beside the field.
    _log_in(desk, "bo.leader")
    desk.wait_for_url("**/")
    desk.goto(proposal)
    desk.click("a[href$='/decide/']")
    desk.fill("input[name=number]", "3125")
    desk.fill("input[name=signer_name]", "Trần Đức Hải")
    desk.fill("input[name=decided_on]", "2026-08-01")
    desk.click("main form.card button[type=submit]")
    desk.wait_for_selector(".field.invalid")
    assert "03/08/2026" in desk.inner_text("main")
    desk.fill("input[name=decided_on]", "2026-08-12")
    desk.click("main form.card button[type=submit]")
    desk.wait_for_selector("main h1 .badge.state-decided")
    assert "3125/QĐ-BCA" in desk.inner_text("main")
    with desk.expect_download() as download:
        desk.click("a[href$='/decision.docx']")
    docx = Path(download.value.path()).read_bytes()
    assert docx[:2] == b"PK"

    # The commune sees the decision on its proposal.
    page.goto(proposal)
    page.wait_for_selector("main h1 .badge.state-decided")
    assert "3125/QĐ-BCA" in page.inner_text("main")

    if not libreoffice_available():
        if os.environ.get("ANTQ_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("ANTQ_REQUIRE_LIBREOFFICE=1 but LibreOffice (soffice) is not installed")
        return
    pdf = convert_docx_to_pdf(docx)
    pages = pdf_to_png_pages(pdf, dpi=60)
    target = Path(os.environ.get("ANTQ_DOCUMENT_PNG_DIR") or tmp_path)
    for number, png in enumerate(pages, start=1):
        (target / f"decision-3125-{number}.png").write_bytes(png)
    assert pages[0].startswith(b"\x89PNG\r\n\x1a\n")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    words = text.decode()
    for expected in ("BỘ CÔNG AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "QUYẾT ĐỊNH", "Lê Văn Thành", "Trần Đức Hải"):
        assert expected in words, expected
