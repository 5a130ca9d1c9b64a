"""Staff pages: include with ``path("staff/onestop/", include("thanthien.onestop.urls"))``."""

from django.urls import path

from . import views

app_name = "onestop"
urlpatterns = [
    path("dossiers/<int:pk>/papers/", views.dossier_papers, name="papers"),
    path("dossiers/<int:pk>/papers/all.pdf", views.dossier_papers_pdf, name="papers_pdf"),
    path("dossiers/<int:pk>/papers/<str:form>.<str:fmt>", views.dossier_paper, name="paper"),
    path("book.<str:fmt>", views.book_paper, name="book"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("ratings/", views.rating_desk, name="rating_desk"),
    path("dossiers/<int:pk>/rate/<str:source>/", views.rating_enter, name="rating_enter"),
    path("scores/", views.scores, name="scores"),
    path("letters/", views.letter_list, name="letters"),
    path("letters/templates/", views.letter_templates, name="letter_templates"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/hand-over/", views.letter_hand_over, name="letter_hand_over"),
    path("letters/<int:pk>/letter.<str:fmt>", views.letter_paper, name="letter_paper"),
    path("slots/", views.slots, name="slots"),
]
