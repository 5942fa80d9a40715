"""The catalogue API. `router` (/api/catalogue): read any indicator or form with its version, and
(administrators at the nation) add and change indicators, their kinds, rules and report forms;
every change carries the version it was based on, a stale one gets 409. `reading_router`
(/api/reporting): the catalogue as reporters read it, the indicators and the forms in use."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from antq.core.api import actor_of
from antq.reporting.catalogue import selectors as cs
from antq.reporting.catalogue import services
from antq.reporting.catalogue.models import Indicator, IndicatorRule, ReportForm
from antq.reporting.catalogue.schemas import (
    CatalogueOptionOut,
    FormCreateIn,
    FormDetailOut,
    FormIndicatorsIn,
    FormOut,
    FormPatchIn,
    IndicatorCreateIn,
    IndicatorDetailOut,
    IndicatorOut,
    IndicatorPatchIn,
    OptionCreateIn,
    OptionOut,
    OptionPatchIn,
    RuleIn,
    RuleOut,
)
from antq.reporting.reports.periods import current_key

router = Router(tags=["catalogue"])
reading_router = Router(tags=["reporting"])


def _rule_out(rule: IndicatorRule) -> RuleOut:
    return RuleOut(
        id=rule.pk,
        left=rule.left.code,
        left_option=rule.left_option,
        operator=rule.operator,
        right=rule.right.code,
        right_option=rule.right_option,
        text=cs.rule_text(rule),
        left_version=rule.left.version,
    )


def _indicator_out(code: str) -> IndicatorDetailOut:
    i = cs.indicator_get(code)
    return IndicatorDetailOut(
        **services.IndicatorInput.of(i).__dict__,
        version=i.version,
        options=[
            CatalogueOptionOut(code=o.code, name=o.name, name_en=o.name_en, measure=o.measure, position=o.position)
            for o in i.options.all()
        ],
        rules=[_rule_out(r) for r in cs.rules_of(i)],
        forms=cs.forms_listing(i),
        has_values=cs.indicator_has_values(i),
    )


def _form_out(form: ReportForm) -> FormDetailOut:
    return FormDetailOut(
        **services.FormInput.of(form).__dict__, version=form.version, indicators=cs.form_indicator_codes(form)
    )


# --- Indicators -----------------------------------------------------------------------------------


@router.get("/indicators/{code}", response=IndicatorDetailOut, summary="An indicator with its version, kinds, rules")
def indicator_detail(request: HttpRequest, code: str) -> IndicatorDetailOut:
    return _indicator_out(code)


@router.post(
    "/indicators", response={201: IndicatorDetailOut}, summary="Add an indicator (administrators at the nation)"
)
def indicator_create(request: HttpRequest, payload: IndicatorCreateIn) -> Status[IndicatorDetailOut]:
    options = [o.to_input() for o in payload.options]
    indicator = services.indicator_create(actor=actor_of(request), data=payload.to_input(), options=options)
    return Status(201, _indicator_out(indicator.code))


@router.patch("/indicators/{code}", response=IndicatorDetailOut, summary="Change an indicator (send the version)")
def indicator_update(request: HttpRequest, code: str, payload: IndicatorPatchIn) -> IndicatorDetailOut:
    data = payload.to_input(services.IndicatorInput.of(cs.indicator_get(code)))
    indicator = services.indicator_update(actor=actor_of(request), code=code, version=payload.version, data=data)
    return _indicator_out(indicator.code)


@router.delete("/indicators/{code}", response={204: None}, summary="Delete an indicator nothing uses")
def indicator_delete(request: HttpRequest, code: str, version: int) -> Status[None]:
    services.indicator_delete(actor=actor_of(request), code=code, version=version)
    return Status(204, None)


@router.post("/indicators/{code}/options", response={201: IndicatorDetailOut}, summary="Add a kind to the breakdown")
def option_create(request: HttpRequest, code: str, payload: OptionCreateIn) -> Status[IndicatorDetailOut]:
    services.option_create(
        actor=actor_of(request), indicator_code=code, version=payload.version, data=payload.to_input()
    )
    return Status(201, _indicator_out(code))


@router.patch("/indicators/{code}/options/{option}", response=IndicatorDetailOut, summary="Change a kind")
def option_update(request: HttpRequest, code: str, option: str, payload: OptionPatchIn) -> IndicatorDetailOut:
    data = payload.to_input(services.OptionInput.of(cs.option_get(cs.indicator_get(code), option)))
    services.option_update(
        actor=actor_of(request), indicator_code=code, option_code=option, version=payload.version, data=data
    )
    return _indicator_out(code)


@router.delete("/indicators/{code}/options/{option}", response={204: None}, summary="Delete a kind nothing uses")
def option_delete(request: HttpRequest, code: str, option: str, version: int) -> Status[None]:
    services.option_delete(actor=actor_of(request), indicator_code=code, option_code=option, version=version)
    return Status(204, None)


# --- Rules ----------------------------------------------------------------------------------------


@router.post("/rules", response={201: RuleOut}, summary="Add a rule: left[.kind] operator right[.kind]")
def rule_create(request: HttpRequest, payload: RuleIn) -> Status[RuleOut]:
    rule = services.rule_create(actor=actor_of(request), version=payload.version, data=payload.to_input())
    return Status(201, _rule_out(cs.rule_get(rule.pk)))


@router.delete("/rules/{rule_id}", response={204: None}, summary="Delete a rule (the left indicator's version)")
def rule_delete(request: HttpRequest, rule_id: int, version: int) -> Status[None]:
    services.rule_delete(actor=actor_of(request), rule_id=rule_id, version=version)
    return Status(204, None)


# --- Report forms ---------------------------------------------------------------------------------


@router.get("/forms", response=list[FormDetailOut], summary="Every report form, in use or not, with its version")
def form_list(request: HttpRequest) -> list[FormDetailOut]:
    return [_form_out(f) for f in cs.form_list_all()]


@router.get("/forms/{code}", response=FormDetailOut, summary="A report form's settings and indicators")
def form_detail(request: HttpRequest, code: str) -> FormDetailOut:
    return _form_out(cs.form_get(code))


@router.post("/forms", response={201: FormDetailOut}, summary="Add a report form (administrators at the nation)")
def form_create(request: HttpRequest, payload: FormCreateIn) -> Status[FormDetailOut]:
    form = services.form_create(actor=actor_of(request), data=payload.to_input(), indicators=payload.indicators)
    return Status(201, _form_out(form))


@router.patch("/forms/{code}", response=FormDetailOut, summary="Change a form's settings (send the version)")
def form_update(request: HttpRequest, code: str, payload: FormPatchIn) -> FormDetailOut:
    data = payload.to_input(services.FormInput.of(cs.form_get(code)))
    return _form_out(services.form_update(actor=actor_of(request), code=code, version=payload.version, data=data))


@router.put("/forms/{code}/indicators", response=FormDetailOut, summary="Set a form's indicators and their order")
def form_set_indicators(request: HttpRequest, code: str, payload: FormIndicatorsIn) -> FormDetailOut:
    form = services.form_set_indicators(
        actor=actor_of(request), code=code, version=payload.version, indicators=payload.indicators
    )
    return _form_out(form)


# --- The catalogue as reporters read it (/api/reporting) ------------------------------------------


def _reading_out(i: Indicator) -> IndicatorOut:
    return IndicatorOut(
        code=i.code,
        name=i.name,
        name_en=i.name_en,
        group=i.group,
        measure=i.measure,
        aggregation=i.aggregation,
        decimals=i.decimals,
        per_site=i.per_site,
        source=i.source,
        headline=i.headline,
        active_from=i.active_from,
        active_until=i.active_until,
        options=[OptionOut(code=o.code, name=o.name, name_en=o.name_en, measure=o.measure) for o in i.options.all()],
        rules=[cs.rule_text(r) for r in i.rules.all()],
    )


@reading_router.get("/indicators", response=list[IndicatorOut], summary="The indicator catalogue")
def indicator_list(request: HttpRequest) -> list[IndicatorOut]:
    return [_reading_out(i) for i in cs.indicator_list()]


@reading_router.get("/forms", response=list[FormOut], summary="Report forms in use")
def reading_form_list(request: HttpRequest) -> list[FormOut]:
    today = timezone.localdate()
    return [
        FormOut(
            code=f.code,
            name=f.name,
            name_en=f.name_en,
            basis=f.basis,
            period_type=f.period_type,
            reporting_level=f.reporting_level,
            indicators=[line.indicator.code for line in f.lines.all()],
            current_period=current_key(f.period_type, today),
        )
        for f in cs.form_list().prefetch_related("lines__indicator")
    ]
