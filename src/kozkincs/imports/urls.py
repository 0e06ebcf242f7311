"""The import pages (inside the language prefix): /hu/import/…"""

from django.urls import path

from kozkincs.imports import views

app_name = "imports"

urlpatterns = [
    path("import/", views.start, name="start"),
    path("import/sablon/<slug:catalog>.xlsx", views.template_download, name="template"),
    path("import/<int:batch_id>/", views.batch_page, name="batch"),
    path("import/<int:batch_id>/allapot/", views.batch_progress, name="progress"),
    path("import/<int:batch_id>/jelentes.xlsx", views.report_download, name="report"),
    path("import/<int:batch_id>/importalas/", views.batch_apply, name="apply"),
    path("import/<int:batch_id>/visszavonas/", views.batch_undo, name="undo"),
]
