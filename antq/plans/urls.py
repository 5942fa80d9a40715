from django.urls import path

from antq.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="edit"),
    path("<int:plan_id>/issue/", views.plan_issue, name="issue"),
    path("<int:plan_id>/amend/", views.plan_amend, name="amend"),
    path("<int:plan_id>/close/", views.plan_close, name="close"),
    path("<int:plan_id>/delete/", views.plan_delete, name="delete"),
    path("<int:plan_id>/attach/", views.plan_attach, name="attach"),
    path("<int:plan_id>/attachment/", views.plan_attachment, name="attachment"),
    path("<int:plan_id>/board/", views.plan_board, name="board"),
    path("<int:plan_id>/document.docx", views.plan_docx, name="docx"),
    path("<int:plan_id>/document.pdf", views.plan_pdf, name="pdf"),
    path("<int:plan_id>/tasks/", views.task_add, name="task_add"),
    path("<int:plan_id>/tasks/<int:task_id>/remove/", views.task_remove, name="task_remove"),
    path("<int:plan_id>/tasks/<int:task_id>/done/", views.task_done, name="task_done"),
]
