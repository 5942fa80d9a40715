"""The catalogue API: read any indicator or form with its version, and (administrators at the
nation) add and change indicators, their kinds, rules and report forms. Every change carries the
version it was based on; a stale one gets 409."""

from django.http import HttpRequest
from ninja import Router, Status

from antq.core.api import actor_of
from antq.reporting import catalogue_selectors as cs
from antq.reporting import catalogue_services as services
from antq.reporting.catalogue_schemas import (
    CatalogueOptionOut,
    FormCreateIn,
    FormDetailOut,
    FormIndicatorsIn,
    FormPatchIn,
    IndicatorCreateIn,
    IndicatorDetailOut,
    IndicatorPatchIn,
    OptionCreateIn,
    OptionPatchIn,
    RuleIn,
    RuleOut,
)
from antq.reporting.models import IndicatorRule, ReportForm

router = Router(tags=["reporting catalogue"])


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
        description=i.description,
        active_from=i.active_from,
        active_until=i.active_until,
        position=i.position,
        version=i.version,
        options=[
            CatalogueOptionOut(code=o.code, name=o.name, name_en=o.name_en, measure=o.measure, position=o.position)
            for o in i.options.all()
        ],
        rules=[_rule_out(r) for r in cs.rules_of(i)],
        forms=list(ReportForm.objects.filter(lines__indicator=i).order_by("code").values_list("code", flat=True)),
        has_values=cs.indicator_has_values(i),
    )


def _form_out(form: ReportForm) -> FormDetailOut:
    return FormDetailOut(
        code=form.code,
        name=form.name,
        name_en=form.name_en,
        basis=form.basis,
        period_type=form.period_type,
        reporting_level=form.reporting_level,
        cutoff_days_before_end=form.cutoff_days_before_end,
        commune_deadline_days=form.commune_deadline_days,
        province_deadline_days=form.province_deadline_days,
        grace_days=form.grace_days,
        is_active=form.is_active,
        version=form.version,
        indicators=cs.form_indicator_codes(form),
    )


# --- Indicators -----------------------------------------------------------------------------------


@router.get("/indicators/{code}", response=IndicatorDetailOut, summary="An indicator with its version, kinds, rules")
def indicator_detail(request: HttpRequest, code: str) -> IndicatorDetailOut:
    return _indicator_out(code)


@router.post(
    "/indicators", response={201: IndicatorDetailOut}, summary="Add an indicator (administrators at the nation)"
)
def indicator_create(request: HttpRequest, payload: IndicatorCreateIn) -> Status[IndicatorDetailOut]:
    data = payload.dict(exclude_unset=True)
    options = data.pop("options", [])
    indicator = services.indicator_create(actor=actor_of(request), data=data, options=options)
    return Status(201, _indicator_out(indicator.code))


@router.patch("/indicators/{code}", response=IndicatorDetailOut, summary="Change an indicator (send the version)")
def indicator_update(request: HttpRequest, code: str, payload: IndicatorPatchIn) -> IndicatorDetailOut:
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    indicator = services.indicator_update(actor=actor_of(request), code=code, version=version, changes=changes)
    return _indicator_out(indicator.code)


@router.delete("/indicators/{code}", response={204: None}, summary="Delete an indicator nothing uses")
def indicator_delete(request: HttpRequest, code: str, version: int) -> Status[None]:
    services.indicator_delete(actor=actor_of(request), code=code, version=version)
    return Status(204, None)


@router.post("/indicators/{code}/options", response={201: IndicatorDetailOut}, summary="Add a kind to the breakdown")
def option_create(request: HttpRequest, code: str, payload: OptionCreateIn) -> Status[IndicatorDetailOut]:
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    services.option_create(actor=actor_of(request), indicator_code=code, version=version, data=data)
    return Status(201, _indicator_out(code))


@router.patch("/indicators/{code}/options/{option}", response=IndicatorDetailOut, summary="Change a kind")
def option_update(request: HttpRequest, code: str, option: str, payload: OptionPatchIn) -> IndicatorDetailOut:
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    services.option_update(
        actor=actor_of(request), indicator_code=code, option_code=option, version=version, changes=changes
    )
    return _indicator_out(code)


@router.delete("/indicators/{code}/options/{option}", response={204: None}, summary="Delete a kind nothing uses")
def option_delete(request: HttpRequest, code: str, option: str, version: int) -> Status[None]:
    services.option_delete(actor=actor_of(request), indicator_code=code, option_code=option, version=version)
    return Status(204, None)


# --- Rules ----------------------------------------------------------------------------------------


@router.post("/rules", response={201: RuleOut}, summary="Add a rule: left[.kind] operator right[.kind]")
def rule_create(request: HttpRequest, payload: RuleIn) -> Status[RuleOut]:
    rule = services.rule_create(
        actor=actor_of(request),
        version=payload.version,
        left=payload.left,
        left_option=payload.left_option,
        operator=payload.operator,
        right=payload.right,
        right_option=payload.right_option,
    )
    return Status(201, _rule_out(IndicatorRule.objects.select_related("left", "right").get(pk=rule.pk)))


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
    return _form_out(cs.form_get_any(code))


@router.post("/forms", response={201: FormDetailOut}, summary="Add a report form (administrators at the nation)")
def form_create(request: HttpRequest, payload: FormCreateIn) -> Status[FormDetailOut]:
    data = payload.dict(exclude_unset=True)
    indicators = data.pop("indicators", [])
    form = services.form_create(actor=actor_of(request), data=data, indicators=indicators)
    return Status(201, _form_out(form))


@router.patch("/forms/{code}", response=FormDetailOut, summary="Change a form's settings (send the version)")
def form_update(request: HttpRequest, code: str, payload: FormPatchIn) -> FormDetailOut:
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    return _form_out(services.form_update(actor=actor_of(request), code=code, version=version, changes=changes))


@router.put("/forms/{code}/indicators", response=FormDetailOut, summary="Set a form's indicators and their order")
def form_set_indicators(request: HttpRequest, code: str, payload: FormIndicatorsIn) -> FormDetailOut:
    form = services.form_set_indicators(
        actor=actor_of(request), code=code, version=payload.version, indicators=payload.indicators
    )
    return _form_out(form)
