"""Input and output of the catalogue API: the editor's (/api/catalogue) and the catalogue as
everyone reads it (/api/reporting/indicators, /api/reporting/forms). Shapes only: lengths,
choices and everything that depends on stored figures are checked by the services, which name
the field and what is right."""

from __future__ import annotations

from dataclasses import replace

from ninja import Field, Schema
from pydantic import ConfigDict

from antq.core.schemas import InputSchema
from antq.reporting.catalogue.services import FormInput, IndicatorInput, OptionInput, RuleInput

VERSION = "The version you loaded; a stale one gets 409"


class Strict(InputSchema):
    model_config = ConfigDict(extra="forbid")


class OptionIn(Strict):
    code: str = Field(..., description="Lowercase slug, unique within the indicator, e.g. firearms")
    name: str = Field(..., description="Vietnamese name, e.g. Súng các loại")
    name_en: str
    measure: str = Field(..., description="people, sessions, pieces, kg, km, vnd, ...")
    position: int | None = None

    def to_input(self) -> OptionInput:
        return OptionInput(**self.dict(exclude={"version"}))


class OptionCreateIn(OptionIn):
    version: int = Field(..., description="The indicator's version; " + VERSION)


class OptionPatchIn(Strict):
    version: int = Field(..., description="The indicator's version; " + VERSION)
    code: str | None = None
    name: str | None = None
    name_en: str | None = None
    measure: str | None = None
    position: int | None = None

    def to_input(self, current: OptionInput) -> OptionInput:
        """The kind as it will be: what was sent over what is stored."""
        return replace(current, **self.dict(exclude_unset=True, exclude={"version"}))


class IndicatorCreateIn(Strict):
    code: str = Field(..., description="Lowercase slug, unique, e.g. gift_packages")
    name: str = Field(..., description="Vietnamese name")
    name_en: str
    group: str = Field(..., description="festival, outreach, services, movement or commendation")
    measure: str
    aggregation: str = Field("sum", description="sum, max or count")
    decimals: int = Field(0, description="0 to 3 (used by measures in kg or km)")
    per_site: bool = False
    source: str = Field("", description='"" (typed), site_results, sites_held or sites_pilot')
    headline: bool = False
    description: str = ""
    active_from: int | None = Field(None, description="First year reported; default this year")
    active_until: int | None = Field(None, description="Last year reported; empty while in use")
    position: int | None = None
    options: list[OptionIn] = Field([], description="The breakdown kinds, when figures are entered per kind")

    def to_input(self) -> IndicatorInput:
        return IndicatorInput(**self.dict(exclude={"options"}))


class IndicatorPatchIn(Strict):
    version: int = Field(..., description=VERSION)
    code: str | None = None
    name: str | None = None
    name_en: str | None = None
    group: str | None = None
    measure: str | None = None
    aggregation: str | None = None
    decimals: int | None = None
    per_site: bool | None = None
    source: str | None = None
    headline: bool | None = None
    description: str | None = None
    active_from: int | None = None
    active_until: int | None = None
    position: int | None = None

    def to_input(self, current: IndicatorInput) -> IndicatorInput:
        """The indicator as it will be: what was sent over what is stored."""
        return replace(current, **self.dict(exclude_unset=True, exclude={"version"}))


class CatalogueOptionOut(Schema):
    code: str
    name: str
    name_en: str
    measure: str
    position: int


class RuleIn(Strict):
    version: int = Field(..., description="The left indicator's version; " + VERSION)
    left: str = Field(..., description="Indicator code, e.g. id_cards_issued")
    left_option: str = Field("", description="A kind of the left indicator; empty for its total")
    operator: str = Field(..., description="le (≤), ge (≥), lt (<) or eq (=)")
    right: str
    right_option: str = ""

    def to_input(self) -> RuleInput:
        return RuleInput(**self.dict(exclude={"version"}))


class RuleOut(Schema):
    id: int
    left: str
    left_option: str
    operator: str
    right: str
    right_option: str
    text: str
    left_version: int = Field(..., description="The left indicator's version after this change")


class IndicatorDetailOut(Schema):
    code: str
    name: str
    name_en: str
    group: str
    measure: str
    aggregation: str
    decimals: int
    per_site: bool
    source: str
    headline: bool
    description: str
    active_from: int
    active_until: int | None
    position: int
    version: int
    options: list[CatalogueOptionOut]
    rules: list[RuleOut]
    forms: list[str] = Field(..., description="Codes of the report forms listing it")
    has_values: bool = Field(..., description="Figures stored: code, measure and aggregation are fixed")


class FormCreateIn(Strict):
    code: str = Field(..., description="Lowercase slug, unique, e.g. ket-qua-quy")
    name: str
    name_en: str = ""
    basis: str = ""
    period_type: str = Field(..., description="season, month, quarter, half_year or year")
    reporting_level: str = Field(..., description="commune (communes report, provinces add up) or province")
    cutoff_days_before_end: int = 0
    commune_deadline_days: int = 5
    province_deadline_days: int = 10
    grace_days: int = 15
    is_active: bool = True
    indicators: list[str] = Field([], description="Indicator codes in the order of the form")

    def to_input(self) -> FormInput:
        return FormInput(**self.dict(exclude={"indicators"}))


class FormPatchIn(Strict):
    version: int = Field(..., description=VERSION)
    code: str | None = None
    name: str | None = None
    name_en: str | None = None
    basis: str | None = None
    period_type: str | None = None
    reporting_level: str | None = None
    cutoff_days_before_end: int | None = None
    commune_deadline_days: int | None = None
    province_deadline_days: int | None = None
    grace_days: int | None = None
    is_active: bool | None = None

    def to_input(self, current: FormInput) -> FormInput:
        """The form as it will be: what was sent over what is stored."""
        return replace(current, **self.dict(exclude_unset=True, exclude={"version"}))


class FormIndicatorsIn(Strict):
    version: int = Field(..., description=VERSION)
    indicators: list[str] = Field(..., description="Indicator codes in the order of the form")


class FormDetailOut(Schema):
    code: str
    name: str
    name_en: str
    basis: str
    period_type: str
    reporting_level: str
    cutoff_days_before_end: int
    commune_deadline_days: int
    province_deadline_days: int
    grace_days: int
    is_active: bool
    version: int
    indicators: list[str]


# --- The catalogue as everyone reads it -----------------------------------------------------------


class OptionOut(Schema):
    code: str
    name: str
    name_en: str
    measure: str


class IndicatorOut(Schema):
    code: str
    name: str
    name_en: str
    group: str
    measure: str
    aggregation: str
    decimals: int
    per_site: bool
    source: str
    headline: bool
    active_from: int
    active_until: int | None
    options: list[OptionOut]
    rules: list[str]


class FormOut(Schema):
    code: str
    name: str
    name_en: str
    basis: str
    period_type: str
    reporting_level: str
    indicators: list[str]
    current_period: str
