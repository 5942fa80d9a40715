from __future__ import annotations

from dataclasses import replace

from ninja import Field, Schema
from pydantic import ConfigDict

from antq.core.schemas import InputSchema
from antq.registry.initiatives.types.services import InitiativeTypeInput, MeasureInput


class MeasureIn(InputSchema):
    code: str = Field(..., description="e.g. cameras")
    name: str = Field(..., description="Vietnamese name, e.g. Số camera")
    name_en: str = ""


class TypeIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    name: str
    name_en: str = ""
    description: str = ""
    measures: list[MeasureIn] = Field([], description="Counts its initiatives record besides members and households")

    def to_input(self) -> InitiativeTypeInput:
        return InitiativeTypeInput(
            name=self.name,
            name_en=self.name_en,
            description=self.description,
            measures=tuple(MeasureInput(code=m.code, name=m.name, name_en=m.name_en) for m in self.measures),
        )


class TypeCreateIn(TypeIn):
    code: str = Field(..., description="2–32 lower-case letters, digits or _, e.g. camera")


class TypeUpdateIn(TypeIn):
    version: int
    is_active: bool = Field(True, description="false retires the type: its initiatives stay, no new ones")

    def to_input(self) -> InitiativeTypeInput:
        return replace(super().to_input(), is_active=self.is_active)


class TypeOut(Schema):
    code: str
    name: str
    name_en: str
    description: str
    measures: list[dict[str, str]]
    is_active: bool
    version: int
