"""The movement registry: initiative types and the initiatives (mô hình) units run, their status
history, yearly evaluations and photos; exemplars (điển hình tiên tiến, gương người tốt việc tốt);
emulation pledges (giao ước thi đua).

Every fact row stores its unit with the province and commune denormalised (DESIGN.md section 3),
so counts for any subtree are one GROUP BY on an indexed column. Counts reach reports and
dashboards through the reporting engine's indicators (prefill sources in
`antq.reporting.services.lines`), not through summary tables of their own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq.core.models import Placed, Versioned
from antq.festivals.models import FestivalSite
from antq.units.models import Unit


class InitiativeType(Versioned):
    """A kind of initiative ("Camera bảo đảm ANTT"). Kept by top-level administrators; a retired
    type keeps its initiatives but takes no new ones. `measures` are the counts its initiatives
    record besides members and households: [{"code": "cameras", "name": "Số camera", "name_en":
    "Cameras"}]."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    measures = models.JSONField(_("counts recorded"), default=list, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative type")
        verbose_name_plural = _("initiative types")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class InitiativeStatus(models.TextChoices):
    ACTIVE = "active", _("Working well")
    WEAK = "weak", _("Weak")
    DISSOLVED = "dissolved", _("Dissolved")


class Initiative(Placed, Versioned):
    type = models.ForeignKey(InitiativeType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"))
    status = models.CharField(
        _("status"), max_length=16, choices=InitiativeStatus.choices, default=InitiativeStatus.ACTIVE
    )
    status_since = models.DateField(_("status since"))
    members = models.PositiveIntegerField(_("members"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("replicated from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replicas",
    )
    search_text = models.CharField(max_length=600, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-started_on", "id"]
        indexes = [
            models.Index(fields=["commune", "status"], name="initiative_commune_status"),
            models.Index(fields=["province", "status"], name="initiative_province_status"),
            models.Index(fields=["type", "status"], name="initiative_type_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(replicated_from=models.F("id")), name="initiative_not_own_origin"),
            models.CheckConstraint(
                condition=Q(status_since__gte=models.F("started_on")), name="initiative_status_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InitiativeStatusChange(models.Model):
    """One line of an initiative's history: the status it had from `on`. The first line is its
    start. Reports count an initiative by its status at the period's end, read from here."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=16, choices=InitiativeStatus.choices)
    on = models.DateField(_("from"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "on", "id"]
        indexes = [models.Index(fields=["initiative", "on"], name="initiative_history_on")]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.status} {self.on}"


class InitiativeRating(models.TextChoices):
    EXEMPLARY = "exemplary", _("Exemplary")
    EFFECTIVE = "effective", _("Effective")
    AVERAGE = "average", _("Average")
    WEAK = "weak", pgettext_lazy("evaluation rating", "Weak")


class InitiativeEvaluation(models.Model):
    """The yearly assessment of an initiative (the commune's or the province's review)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=16, choices=InitiativeRating.choices)
    note = models.TextField(_("evaluation notes"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["initiative", "-year"]
        constraints = [models.UniqueConstraint(fields=["initiative", "year"], name="initiative_evaluation_year")]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.year} {self.rating}"


class InitiativePhoto(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="registry/photos/%Y/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "at", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class ExemplarKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class ExemplarCategory(models.TextChoices):
    ADVANCED = "advanced", _("Advanced example")
    GOOD_DEED = "good_deed", _("Good person, good deed")


class Exemplar(Placed, Versioned):
    """A collective or an individual held up as an example. A leader of the unit (or above)
    publishes it to the public portal; an edit after publishing takes it off until republished."""

    kind = models.CharField(_("collective or individual"), max_length=16, choices=ExemplarKind.choices)
    category = models.CharField(_("category"), max_length=16, choices=ExemplarCategory.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position, workplace or address"), max_length=300, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    summary = models.CharField(_("summary"), max_length=500)
    story = models.TextField(_("story"))
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=600, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ["-year", "name", "id"]
        indexes = [
            models.Index(fields=["commune", "year"], name="exemplar_commune_year"),
            models.Index(fields=["province", "year"], name="exemplar_province_year"),
            models.Index(fields=["published_at"], name="exemplar_published"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class EmulationPledge(Placed, Versioned):
    """An emulation pledge signed by the parties in a unit's area, often at a festival site."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("signed on"))
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content"))
    parties = models.TextField(_("other parties"), blank=True)
    party_units = models.ManyToManyField(Unit, verbose_name=_("signing units"), blank=True, related_name="+")
    households = models.PositiveIntegerField(_("households pledging"), null=True, blank=True)
    festival_site = models.ForeignKey(
        FestivalSite,
        verbose_name=_("festival site where signed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")
        ordering = ["-signed_on", "id"]
        indexes = [
            models.Index(fields=["commune", "signed_on"], name="pledge_commune_signed"),
            models.Index(fields=["province", "signed_on"], name="pledge_province_signed"),
        ]

    def __str__(self) -> str:
        return self.title
