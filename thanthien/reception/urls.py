from django.urls import path

from . import views

app_name = "reception"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("moi/", views.petition_new, name="new"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/phan-loai/", views.classify, name="classify"),
    path("<int:pk>/giao/", views.assign, name="assign"),
    path("<int:pk>/thu-ly/", views.accept, name="accept"),
    path("<int:pk>/gia-han/", views.extend, name="extend"),
    path("<int:pk>/chuyen/", views.forward, name="forward"),
    path("<int:pk>/khong-thuoc-tham-quyen/", views.refuse, name="refuse"),
    path("<int:pk>/tra-loi/", views.answer, name="answer"),
    path("<int:pk>/trung/", views.duplicate, name="duplicate"),
    path("<int:pk>/thong-bao/<str:kind>.<str:fmt>", views.petition_notice, name="notice"),
    path("<int:pk>/quyet-dinh/", views.decision_issue, name="decision_issue"),
    path("<int:pk>/buoc/<int:step_pk>/gui/", views.step_deliver, name="step_deliver"),
    path("<int:pk>/buoc/<int:step_pk>/tep/", views.step_document, name="step_document"),
    path("<int:pk>/buoc/<int:step_pk>/<str:which>.<str:fmt>", views.step_paper, name="step_paper"),
    path("<int:pk>/doi-thoai/", views.dialogue_schedule, name="dialogue_schedule"),
    path("<int:pk>/doi-thoai/<int:dialogue_pk>/bien-ban/", views.dialogue_record, name="dialogue_record"),
    path("<int:pk>/doi-thoai/<int:dialogue_pk>/<str:which>.<str:fmt>", views.dialogue_paper, name="dialogue_paper"),
    path("tiep-cong-dan/", views.session_list, name="sessions"),
    path("tiep-cong-dan/<int:pk>/", views.session_detail, name="session"),
    path("doi-thoai/", views.conference_list, name="conferences"),
    path("thong-tin/", views.info_list, name="info_requests"),
    path("thong-tin/<int:pk>/", views.info_detail, name="info_request"),
    path("thong-tin/<int:pk>/<str:kind>.<str:fmt>", views.info_paper, name="info_paper"),
]
