from django.urls import path

from antq.commendations import views

app_name = "commendations"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("<int:proposal_id>/", views.proposal_detail, name="detail"),
    path("<int:proposal_id>/edit/", views.proposal_edit, name="edit"),
    path("<int:proposal_id>/submit/", views.proposal_submit, name="submit"),
    path("<int:proposal_id>/forward/", views.proposal_forward, name="forward"),
    path("<int:proposal_id>/return/", views.proposal_return, name="return"),
    path("<int:proposal_id>/decide/", views.proposal_decide, name="decide"),
    path("<int:proposal_id>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("<int:proposal_id>/document.docx", views.proposal_docx, name="docx"),
    path("<int:proposal_id>/document.pdf", views.proposal_pdf, name="pdf"),
    path("<int:proposal_id>/decision.docx", views.decision_docx, name="decision_docx"),
    path("<int:proposal_id>/decision.pdf", views.decision_pdf, name="decision_pdf"),
]
