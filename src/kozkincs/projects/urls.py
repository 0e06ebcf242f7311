from django.urls import path

from kozkincs.projects import views

app_name = "projects"

IDEA = "projektotletek/<int:idea_id>/"

urlpatterns = [
    path("projektotletek/", views.idea_list, name="idea_list"),
    path("projektotletek/uj/", views.idea_create, name="idea_create"),
    path(IDEA, views.idea_detail, name="idea_detail"),
    path(IDEA + "szerkesztes/", views.idea_edit, name="idea_edit"),
    path(IDEA + "allapot/", views.idea_move, name="idea_move"),
    path(IDEA + "partnerek/", views.partner_invite, name="partner_invite"),
    path(IDEA + "elorehaladas/", views.progress_add, name="progress_add"),
    path(IDEA + "merfoldkovek/", views.milestone_add, name="milestone_add"),
    path(IDEA + "hozzaszolasok/", views.comment_add, name="comment_add"),
    path(IDEA + "tamogatas/", views.endorse, name="endorse"),
    path(IDEA + "kovetes/", views.follow, name="follow"),
    path(
        "projektotletek/partner/<int:partner_id>/valasz/",
        views.partner_answer,
        name="partner_answer",
    ),
    path(
        "projektotletek/partner/<int:partner_id>/torles/",
        views.partner_remove,
        name="partner_remove",
    ),
    path(
        "projektotletek/merfoldko/<int:milestone_id>/", views.milestone_mark, name="milestone_mark"
    ),
    path(
        "projektotletek/hozzaszolas/<int:comment_id>/torles/",
        views.comment_delete,
        name="comment_delete",
    ),
    path("palyazatok/", views.call_list, name="call_list"),
    path("palyazatok/uj/", views.call_create, name="call_create"),
    path("palyazatok/<int:call_id>/temak/", views.call_topics, name="call_topics"),
    path("palyazatok/<int:call_id>/szerkesztes/", views.call_edit, name="call_edit"),
]
