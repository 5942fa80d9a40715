"""Commendation proposals (đề nghị khen thưởng): a unit's memo (tờ trình) for collectives and
individuals with its list (danh sách trích ngang), reviewed up the chain and decided by the proper
level (the decision: `antq.commendations.decisions.models`).

A proposal moves draft -> submitted -> (forwarded ->) decided, or back to the proposing unit as
returned (with a reason; it is edited and submitted again), or is withdrawn. Its nominees are the
rows of the list; a decision awards all of them or some.

Facts are keyed like every other fact (DESIGN.md section 3): the nominee stores the proposal's
`province` and `commune`, so "awarded in this commune / province" is one indexed equality and a
GROUP BY, never a tree walk. Reports count awarded nominees by the date of their decision
(`antq.commendations.prefill`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.models import Placed, Versioned
from antq.festivals.models import FestivalSite
from antq.units.models import Unit


class AwardForm(models.TextChoices):
    CERTIFICATE_OF_COMMENDATION = "certificate_of_commendation", _("Certificate of commendation")
    CERTIFICATE_OF_MERIT = "certificate_of_merit", _("Certificate of merit")
    MEDAL = "medal", _("Medal “For national security”")
    EMULATION_FLAG = "emulation_flag", _("Emulation flag")


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class AuthorityLevel(models.TextChoices):
    """The authority asked to commend, by level (who signs the decision)."""

    COMMUNE = "commune", _("Commune")
    PROVINCE = "province", _("Province")
    MINISTRY = "ministry", _("Ministry")
    GOVERNMENT = "government", _("Government (Prime Minister)")


# The levels as they read inside a sentence ("… at the province level"), where the labels above
# would need changing case: Vietnamese writes "cấp tỉnh" but "cấp Bộ", "cấp Chính phủ".
LEVEL_IN_TEXT = {
    AuthorityLevel.COMMUNE: _("the commune level"),
    AuthorityLevel.PROVINCE: _("the province level"),
    AuthorityLevel.MINISTRY: _("the Ministry level"),
    AuthorityLevel.GOVERNMENT: _("the Government level (Prime Minister)"),
}


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    FORWARDED = "forwarded", _("Forwarded to the Ministry")
    DECIDED = "decided", _("Decided")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Which forms each level of authority gives (Law 06/2022/QH15 and Decree 98/2023/NĐ-CP):
# a commune chairman gives Giấy khen; a province gives the police director's Giấy khen, the
# provincial chairman's Bằng khen and emulation flag; the Ministry the Minister's Bằng khen, the
# medal "Bảo vệ an ninh Tổ quốc", its emulation flag and its departments' Giấy khen; the
# Government the Prime Minister's Bằng khen and the Government's emulation flag.
FORMS_BY_LEVEL: dict[str, frozenset[str]] = {
    AuthorityLevel.COMMUNE: frozenset({AwardForm.CERTIFICATE_OF_COMMENDATION}),
    AuthorityLevel.PROVINCE: frozenset(
        {AwardForm.CERTIFICATE_OF_COMMENDATION, AwardForm.CERTIFICATE_OF_MERIT, AwardForm.EMULATION_FLAG}
    ),
    AuthorityLevel.MINISTRY: frozenset(
        {
            AwardForm.CERTIFICATE_OF_COMMENDATION,
            AwardForm.CERTIFICATE_OF_MERIT,
            AwardForm.MEDAL,
            AwardForm.EMULATION_FLAG,
        }
    ),
    AuthorityLevel.GOVERNMENT: frozenset({AwardForm.CERTIFICATE_OF_MERIT, AwardForm.EMULATION_FLAG}),
}
# The medal goes to people, the emulation flag to collectives.
KINDS_BY_FORM: dict[str, frozenset[str]] = {
    AwardForm.CERTIFICATE_OF_COMMENDATION: frozenset(NomineeKind.values),
    AwardForm.CERTIFICATE_OF_MERIT: frozenset(NomineeKind.values),
    AwardForm.MEDAL: frozenset({NomineeKind.INDIVIDUAL}),
    AwardForm.EMULATION_FLAG: frozenset({NomineeKind.COLLECTIVE}),
}
# The proposing unit edits in these states; the others are read-only for it.
EDITABLE_STATES = (ProposalState.DRAFT, ProposalState.RETURNED)
# Waiting for the level above.
PENDING_STATES = (ProposalState.SUBMITTED, ProposalState.FORWARDED)
# Levels decided by the province (in its area); the others go to the Ministry.
PROVINCE_DECIDES = (AuthorityLevel.COMMUNE, AuthorityLevel.PROVINCE)


def acted_by() -> models.ForeignKey[Any, Any]:
    """Who took a step (kept when the account is deleted)."""
    user = settings.AUTH_USER_MODEL
    return models.ForeignKey(user, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")


def handed_over_at() -> models.ForeignKey[FestivalSite | None, FestivalSite | None]:
    """The festival site where the awards are handed over, if any."""
    return models.ForeignKey(
        FestivalSite,
        verbose_name=_("festival site where awards are handed over"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class CommendationProposal(Placed, Versioned):
    """One submission memo (tờ trình) with its proposal list. The header fields describe the memo
    as a Decree 30/2020 document; they default from the proposing unit."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="commendation_proposals"
    )
    year = models.PositiveSmallIntegerField(_("year of the achievements"))
    title = models.CharField(_("title"), max_length=500)
    authority_level = models.CharField(_("authority asked"), max_length=16, choices=AuthorityLevel.choices)
    festival_site = handed_over_at()
    reasons = models.TextField(_("reasons and achievements"), blank=True)
    memo_number = models.CharField(_("memo number"), max_length=16, blank=True)
    memo_symbol = models.CharField(_("memo symbol"), max_length=32)
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    place = models.CharField(_("place"), max_length=100)
    signer_authority = models.CharField(_("signing authority"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)

    state = models.CharField(_("state"), max_length=16, choices=ProposalState.choices, default=ProposalState.DRAFT)
    submitted_on = models.DateField(_("date of the memo"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = acted_by()
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forwarded_by = acted_by()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = acted_by()
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = acted_by()
    returned_by_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    return_reason = models.TextField(_("reason for returning"), blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = acted_by()
    created_by = acted_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commendation proposal")
        verbose_name_plural = _("commendation proposals")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["province", "year", "state"], name="proposal_province_year"),
            models.Index(fields=["commune", "year", "state"], name="proposal_commune_year"),
            models.Index(fields=["state", "year"], name="proposal_state_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=ProposalState.RETURNED) | ~Q(return_reason=""), name="proposal_returned_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def audit_label(self) -> str:
        return f"{self.unit.name}: {self.title}"

    @property
    def memo_reference(self) -> str:
        """ "125/TTr-CAX", or empty while the memo has no number."""
        return f"{self.memo_number}/{self.memo_symbol}" if self.memo_number else ""


class CommendationNominee(Placed):
    """One row of the proposal list: a collective or an individual proposed for one form.

    `active` is kept by the services: false while the proposal is returned or withdrawn, and for
    a nominee a decision did not award. An active nominee holds its (province, year, form, kind,
    folded name) slot, so the same person cannot be proposed twice for the same form in a year.
    """

    placed_by = "proposal__unit"

    proposal = models.ForeignKey(CommendationProposal, on_delete=models.CASCADE, related_name="nominees")
    row = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("collective or individual"), max_length=16, choices=NomineeKind.choices)
    name = models.CharField(_("name"), max_length=300)
    name_folded = models.CharField(max_length=300, editable=False)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organisation = models.CharField(_("unit or organisation"), max_length=300, blank=True)
    achievement = models.TextField(_("summary of achievements"))
    award_form = models.CharField(_("form of commendation"), max_length=32, choices=AwardForm.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    active = models.BooleanField(default=True)
    awarded = models.BooleanField(_("awarded"), default=False)
    decision = models.ForeignKey(
        "commendations.CommendationDecision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominees",
    )

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        ordering = ["proposal", "row", "id"]
        indexes = [
            models.Index(fields=["commune", "year"], name="nominee_commune_year"),
            models.Index(fields=["province", "year"], name="nominee_province_year"),
        ]
        constraints = [
            # Backs the service's duplicate check against two proposals saved at the same moment.
            models.UniqueConstraint(
                fields=["province", "year", "award_form", "kind", "name_folded"],
                condition=Q(active=True),
                name="nominee_once_per_form_and_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name


EVENT_ACTIONS = {
    "create": _("Prepared"),
    "update": _("Edited"),
    "submit": _("Submitted"),
    "forward": _("Forwarded to the Ministry"),
    "return": _("Returned"),
    "decide": _("Decided"),
    "withdraw": _("Withdrawn"),
}


class ProposalEvent(models.Model):
    """The state history of a proposal, as its detail page shows it (the audit log keeps the
    field-level changes)."""

    proposal = models.ForeignKey(CommendationProposal, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16)
    state = models.CharField(max_length=16, choices=ProposalState.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = acted_by()
    actor_label = models.CharField(max_length=150, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposal event")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.action}"

    @property
    def action_label(self) -> str:
        return str(EVENT_ACTIONS.get(self.action, self.action))
