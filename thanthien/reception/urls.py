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
    path("tiep-cong-dan/", views.session_list, name="sessions"),
    path("tiep-cong-dan/<int:pk>/", views.session_detail, name="session"),
    path("doi-thoai/", views.conference_list, name="conferences"),
    path("thong-tin/", views.info_list, name="info_requests"),
    path("thong-tin/<int:pk>/", views.info_detail, name="info_request"),
]
