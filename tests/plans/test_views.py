"""The plan pages: write and issue a plan, actions refused on the plan's page, and the question
before closing a plan or deleting a draft."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from antq.plans.models import Plan, PlanState
from tests.plans.factories import TODAY, YEAR, create_plan

pytestmark = pytest.mark.django_db


def test_html_flow_write_and_issue(client_as: Callable[[str], Client], cascade: dict[str, dict]) -> None:
    client = client_as("camlam.officer")
    page = client.get("/plans/new/")
    assert page.status_code == 200
    assert "4955/KH-BCĐ" in page.content.decode()
    response = client.post(
        "/plans/new/",
        {
            "issuer": "22453",
            "year": YEAR,
            "parent_plan": cascade["province"]["id"],
            "symbol": "KH-BCĐ",
            "title": "Tổ chức Ngày hội xã Cam Lâm",
            "window_start": f"{YEAR}-07-10",
            "window_end": f"{YEAR}-08-20",
            "issuing_body": "BAN CHỈ ĐẠO 138",
            "place": "Cam Lâm",
        },
    )
    assert response.status_code == 200  # the window ends after the province's: the form comes back
    assert "15/08" in response.content.decode()
    response = client.post(
        "/plans/new/",
        {
            "issuer": "22453",
            "year": YEAR,
            "parent_plan": cascade["province"]["id"],
            "symbol": "KH-BCĐ",
            "title": "Tổ chức Ngày hội xã Cam Lâm",
            "window_start": f"{YEAR}-07-10",
            "window_end": f"{YEAR}-08-10",
            "issuing_body": "BAN CHỈ ĐẠO 138",
            "place": "Cam Lâm",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(issuer__code="22453", year=YEAR)
    issued = client.post(
        f"/plans/{plan.pk}/issue/",
        {"version": plan.version, "number": "12", "issued_on": TODAY.isoformat(), "signer_name": "Lê Văn Ký"},
    )
    assert issued.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.ISSUED and plan.reference == "12/KH-BCĐ"
    board = client_as("khanhhoa.viewer").get(f"/plans/{cascade['province']['id']}/board/")
    assert "12/KH-BCĐ" in board.content.decode()


def season_plan(code: str) -> Plan:
    return Plan.objects.get(issuer__code=code, year=2026)


def test_a_refused_action_shows_the_plans_page_again_with_the_reason(client_as: Callable[[str], Client]) -> None:
    """Closing the province plan while communes' plans still implement it: the plan's page comes
    back with the reason (it used to redirect with a message) and the plan stays in force."""
    plan = season_plan("56")
    response = client_as("khanhhoa.officer").post(f"/plans/{plan.pk}/close/", {"version": plan.version})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() and response.context["plan"].pk == plan.pk
    assert 'role="alert"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.is_in_force


def test_a_stale_action_answers_409_on_the_plans_page(client_as: Callable[[str], Client]) -> None:
    plan = season_plan("56")
    response = client_as("khanhhoa.officer").post(f"/plans/{plan.pk}/close/", {"version": plan.version - 1})
    assert response.status_code == 409 and response.context["plan"].pk == plan.pk


def test_attaching_without_a_file_names_the_field(client_as: Callable[[str], Client]) -> None:
    plan = season_plan("56")
    response = client_as("khanhhoa.officer").post(f"/plans/{plan.pk}/attach/", {})
    assert response.status_code == 200 and "attachment" in response.context["form"].errors
    assert Plan.objects.get(pk=plan.pk).version == plan.version


def test_a_task_refused_comes_back_in_the_open_task_form(client_as: Callable[[str], Client]) -> None:
    plan = season_plan("56")
    data = {"version": plan.version, "description": "Việc mới", "due_on": "2027-07-01", "reason": ""}
    response = client_as("khanhhoa.officer").post(f"/plans/{plan.pk}/tasks/", data)
    assert response.status_code == 200 and response.context["task_open"]
    assert {"due_on", "reason"} <= set(response.context["task_form"].errors)
    assert '<details class="add-task" open>' in response.content.decode()


def test_marking_a_task_done_needs_an_officer_of_the_unit(client_as: Callable[[str], Client]) -> None:
    plan = season_plan("56")
    task = plan.tasks.order_by("pk").first()
    assert task is not None
    viewer = client_as("camlam.viewer").post(f"/plans/{plan.pk}/tasks/{task.pk}/done/", {"unit": "22453"})
    assert viewer.status_code == 403
    outside = client_as("hatinh.officer").post(f"/plans/{plan.pk}/tasks/{task.pk}/done/", {"unit": "18073"})
    assert outside.status_code == 404


def test_an_issued_plan_is_edited_by_amendment(client_as: Callable[[str], Client]) -> None:
    plan = season_plan("56")
    response = client_as("khanhhoa.officer").get(f"/plans/{plan.pk}/edit/")
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{plan.pk}/amend/")


def test_closing_a_plan_and_deleting_a_draft_ask_first(
    client_as: Callable[[str], Client], api_as: Callable[[str], Client]
) -> None:
    """Issue 18: one tap does not close a plan or delete a draft. The plan's page links to a
    question (GET) that says what the step does; its form posts to the same address, as before."""
    plan = season_plan("22453")
    client = client_as("camlam.officer")
    detail = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="/plans/{plan.pk}/close/"' in detail and f'action="/plans/{plan.pk}/close/"' not in detail
    question = client.get(f"/plans/{plan.pk}/close/")
    assert question.status_code == 200 and question.templates[0].name == "plans/confirm.html"
    page = question.content.decode()
    assert f'name="version" value="{plan.version}"' in page and plan.reference in page
    assert Plan.objects.get(pk=plan.pk).is_in_force, "asking changes nothing"
    assert client_as("camlam.viewer").get(f"/plans/{plan.pk}/close/").status_code == 403
    closed = client.post(f"/plans/{plan.pk}/close/", {"version": plan.version})
    assert closed.status_code == 302 and Plan.objects.get(pk=plan.pk).state == PlanState.CLOSED
    assert client.get(f"/plans/{plan.pk}/close/").status_code == 302, "a closed plan: back to its page"

    parent = season_plan("56")
    window = {"window_start": parent.window_start.isoformat(), "window_end": parent.window_end.isoformat()}
    draft = create_plan(api_as("camlam.officer"), "22453", parent.pk, year=2026, **window)
    assert client.get(f"/plans/{draft['id']}/close/")["Location"] == f"/plans/{draft['id']}/"
    question = client.get(f"/plans/{draft['id']}/delete/")
    assert question.status_code == 200 and draft["title"] in question.content.decode()
    assert Plan.objects.filter(pk=draft["id"]).exists()
    deleted = client.post(f"/plans/{draft['id']}/delete/", {"version": draft["version"]})
    assert deleted.status_code == 302 and not Plan.objects.filter(pk=draft["id"]).exists()
