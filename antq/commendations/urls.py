from django.urls import path

from antq.commendations.decisions import views as decisions
from antq.commendations.proposals import views as proposals

app_name = "commendations"

urlpatterns = [
    path("", proposals.proposal_list, name="list"),
    path("new/", proposals.proposal_create, name="create"),
    path("<int:proposal_id>/", proposals.proposal_detail, name="detail"),
    path("<int:proposal_id>/edit/", proposals.proposal_edit, name="edit"),
    path("<int:proposal_id>/submit/", proposals.proposal_submit, name="submit"),
    path("<int:proposal_id>/forward/", proposals.proposal_forward, name="forward"),
    path("<int:proposal_id>/return/", proposals.proposal_return, name="return"),
    path("<int:proposal_id>/decide/", decisions.proposal_decide, name="decide"),
    path("<int:proposal_id>/withdraw/", proposals.proposal_withdraw, name="withdraw"),
    path("<int:proposal_id>/document.docx", proposals.proposal_docx, name="docx"),
    path("<int:proposal_id>/document.pdf", proposals.proposal_pdf, name="pdf"),
    path("<int:proposal_id>/decision.docx", decisions.decision_docx, name="decision_docx"),
    path("<int:proposal_id>/decision.pdf", decisions.decision_pdf, name="decision_pdf"),
]
