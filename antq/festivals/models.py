"""Festival sites: every place and date where a unit holds the festival (điểm tổ chức Ngày hội).

A site belongs to a plan in force whose issuer's subtree holds the organising unit; its date lies
in the plan's window. Facts are keyed by unit with the province and commune denormalised
(DESIGN.md section 3), so counts per commune or province are one GROUP BY without a tree walk.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from antq.core.models import Placed, Versioned
from antq.plans.models import Plan
from antq.units.models import Unit


class PilotTier(models.TextChoices):
    NONE = "", _("Wide rollout")
    MINISTRY = "ministry", _("Ministry pilot")
    PROVINCE = "province", _("Province pilot")


class SiteState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    REPORTED = "reported", _("Reported")
    CANCELLED = "cancelled", _("Cancelled")


# Allowed transitions. "reported" is reached when the site's results are filed (reporting).
SITE_TRANSITIONS: dict[str, frozenset[str]] = {
    SiteState.PLANNED: frozenset({SiteState.CONFIRMED, SiteState.HELD, SiteState.CANCELLED}),
    SiteState.CONFIRMED: frozenset({SiteState.PLANNED, SiteState.HELD, SiteState.CANCELLED}),
    SiteState.HELD: frozenset({SiteState.REPORTED, SiteState.CONFIRMED}),
    SiteState.REPORTED: frozenset(),
    SiteState.CANCELLED: frozenset({SiteState.PLANNED}),
}


class ProgrammePart(models.TextChoices):
    CEREMONY = "ceremony", _("Ceremony")
    FESTIVITIES = "festivities", _("Festivities")
    SERVICES = "services", _("Services for people")


class ProgrammeItem(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    TRADITION_REVIEW = "tradition_review", _("Review of the movement's tradition")
    COMMENDATIONS = "commendations", _("Commendations")
    EXPERIENCE_SHARING = "experience_sharing", _("Sharing experience")
    PLEDGE_SIGNING = "pledge_signing", _("Signing emulation pledges")
    CULTURE = "culture", _("Culture")
    ARTS = "arts", _("Arts performances")
    SPORTS = "sports", _("Sports")
    FOLK_GAMES = "folk_games", _("Folk games")
    DRILLS = "drills", _("Drills")
    FORUMS = "forums", _("Forums")
    LAW_CONTESTS = "law_contests", _("Law contests")
    ID_CARDS = "id_cards", _("ID-card paperwork")
    WEAPONS_COLLECTION = "weapons_collection", _("Collecting weapons, explosives and support tools")
    MEDICAL_EXAMS = "medical_exams", _("Free medical exams and medicine")
    ROAD_REPAIR = "road_repair", _("Road repair")
    HOUSE_BUILDING = "house_building", _("Building or repairing houses")
    GIFTS = "gifts", _("Gifts")


PROGRAMME_PARTS: dict[str, tuple[str, ...]] = {
    ProgrammePart.CEREMONY: (
        ProgrammeItem.MEETING,
        ProgrammeItem.TRADITION_REVIEW,
        ProgrammeItem.COMMENDATIONS,
        ProgrammeItem.EXPERIENCE_SHARING,
        ProgrammeItem.PLEDGE_SIGNING,
    ),
    ProgrammePart.FESTIVITIES: (
        ProgrammeItem.CULTURE,
        ProgrammeItem.ARTS,
        ProgrammeItem.SPORTS,
        ProgrammeItem.FOLK_GAMES,
        ProgrammeItem.DRILLS,
        ProgrammeItem.FORUMS,
        ProgrammeItem.LAW_CONTESTS,
    ),
    ProgrammePart.SERVICES: (
        ProgrammeItem.ID_CARDS,
        ProgrammeItem.WEAPONS_COLLECTION,
        ProgrammeItem.MEDICAL_EXAMS,
        ProgrammeItem.ROAD_REPAIR,
        ProgrammeItem.HOUSE_BUILDING,
        ProgrammeItem.GIFTS,
    ),
}
PART_OF_ITEM = {item: part for part, items in PROGRAMME_PARTS.items() for item in items}


class FestivalSite(Placed, Versioned):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="sites")
    unit = models.ForeignKey(Unit, verbose_name=_("organising unit"), on_delete=models.PROTECT, related_name="sites")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=300)
    pilot_tier = models.CharField(_("pilot tier"), max_length=16, choices=PilotTier.choices, blank=True, default="")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=300)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    invited_leaders = models.TextField(_("invited leaders"), blank=True)
    expected_participants = models.PositiveIntegerField(_("expected participants"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=SiteState.choices, default=SiteState.PLANNED)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("festival site")
        verbose_name_plural = _("festival sites")
        ordering = ["starts_at", "id"]
        indexes = [
            # The progress board groups a year's sites by commune or province and state.
            models.Index(fields=["year", "commune", "state"], name="site_year_commune_state"),
            models.Index(fields=["year", "province", "state"], name="site_year_province_state"),
            models.Index(fields=["year", "starts_at"], name="site_year_start"),
            models.Index(fields=["commune", "starts_at"], name="site_commune_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gte=models.F("starts_at")),
                name="site_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        """Still changeable by its organisers: not yet reported or cancelled."""
        return self.state not in (SiteState.REPORTED, SiteState.CANCELLED)


class SiteProgrammeItem(models.Model):
    site = models.ForeignKey(FestivalSite, on_delete=models.CASCADE, related_name="programme")
    item = models.CharField(_("programme item"), max_length=32, choices=ProgrammeItem.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme item")
        constraints = [models.UniqueConstraint(fields=["site", "item"], name="site_programme_item_unique")]
        indexes = [models.Index(fields=["item"], name="programme_item")]

    def __str__(self) -> str:
        return self.item

    @property
    def part(self) -> str:
        return PART_OF_ITEM.get(self.item, "")
