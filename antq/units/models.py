"""The administrative tree: nation -> province -> commune -> village / residential group, plus
organisations (agency, enterprise, school, industrial zone) and the pre-2025 historical units.

Storage (DESIGN.md section 3): adjacency (`parent`) + materialised `path` of codes + `level`.
Subtree queries are a range on `path` (`antq.core.tree.subtree_q`), never a tree walk. Every unit also
carries its denormalised `province` and `commune`, which for a historical unit are those of its
default successor, so that anything recorded against an old unit rolls up under today's tree.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.models import Versioned
from antq.core.tree import PATH_SEPARATOR, subtree_q

NATION_CODE = "VN"
CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,31}$",
    _("Use 1-32 letters, digits, dots or hyphens, starting with a letter or digit."),
)


class UnitKind(models.TextChoices):
    NATION = "nation", _("Nation")
    PROVINCE = "province", _("Province")
    CITY = "city", _("Centrally-run city")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    DISTRICT = "district", _("District (historical)")
    TOWNSHIP = "township", _("Township (historical)")
    VILLAGE = "village", _("Village")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group")
    AGENCY = "agency", _("Agency")
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("School")
    INDUSTRIAL_ZONE = "industrial_zone", _("Industrial zone")


PROVINCE_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.CITY})
COMMUNE_KINDS = frozenset({UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE})
OFFICIAL_KINDS = PROVINCE_KINDS | COMMUNE_KINDS | {UnitKind.NATION}
LOCAL_KINDS = frozenset({UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP})
ORGANISATION_KINDS = frozenset({UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.SCHOOL, UnitKind.INDUSTRIAL_ZONE})
# Kinds officers may create, and under which parent kinds.
CREATABLE_UNDER: dict[str, frozenset[str]] = {
    **{kind: COMMUNE_KINDS for kind in LOCAL_KINDS},
    **{kind: COMMUNE_KINDS | PROVINCE_KINDS for kind in ORGANISATION_KINDS},
}

KEY_AREA_FLAGS = ("is_border", "is_ethnic_minority", "is_religious", "is_industrial_zone", "is_university")


class UnitQuerySet(models.QuerySet["Unit"]):
    def current(self) -> UnitQuerySet:
        return self.filter(closed_on__isnull=True)

    def historical(self) -> UnitQuerySet:
        return self.filter(closed_on__isnull=False)

    def subtree(self, unit: Unit) -> UnitQuerySet:
        return self.filter(subtree_q(unit.path))


class Unit(Versioned):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[CODE_VALIDATOR])
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    path = models.CharField(max_length=255, unique=True)
    province = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    commune = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)

    is_border = models.BooleanField(_("border area"), default=False)
    is_ethnic_minority = models.BooleanField(_("ethnic-minority area"), default=False)
    is_religious = models.BooleanField(_("religious area"), default=False)
    is_industrial_zone = models.BooleanField(_("industrial zone"), default=False)
    is_university = models.BooleanField(_("university area"), default=False)

    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name=_("successor"),
        help_text=_("The current unit this closed unit's records roll up to."),
    )
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+", verbose_name=_("all successors")
    )

    search_text = models.CharField(max_length=255, db_index=True, editable=False)
    search_short = models.CharField(max_length=200, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["province", "kind"], name="unit_province_kind"),
            models.Index(fields=["commune", "kind"], name="unit_commune_kind"),
            models.Index(fields=["parent", "name"], name="unit_parent_name"),
            # A province's listing in its display order (current first, by level, then the tree):
            # read in index order up to the page, no sort of the province's thousands of units.
            models.Index(fields=["province", "closed_on", "level", "path"], name="unit_province_listing"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(kind=UnitKind.NATION), name="unit_parent_required"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(successor__isnull=False), name="unit_closed_has_successor"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_id(self) -> str:
        return self.code  # units are known by their code in the audit log

    @property
    def is_current(self) -> bool:
        return self.closed_on is None

    @property
    def is_official(self) -> bool:
        return self.kind in OFFICIAL_KINDS or (self.closed_on is not None and self.code.startswith("L"))

    @property
    def is_province(self) -> bool:
        return self.kind in PROVINCE_KINDS

    @property
    def is_commune(self) -> bool:
        return self.kind in COMMUNE_KINDS

    @property
    def key_areas(self) -> list[str]:
        """Labels of the key-area flags set on this unit, for display."""
        return [
            str(self._meta.get_field(flag).verbose_name)  # type: ignore[union-attr]
            for flag in KEY_AREA_FLAGS
            if getattr(self, flag)
        ]

    @property
    def path_codes(self) -> list[str]:
        return [code for code in self.path.split(PATH_SEPARATOR) if code]
