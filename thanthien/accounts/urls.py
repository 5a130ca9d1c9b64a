from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.staff_login, name="login"),
    path("logout/", views.staff_logout, name="logout"),
    path("phone/", views.phone_start, name="phone"),
    path("phone/verify/", views.phone_verify, name="phone_verify"),
    path("phone/sign-out/", views.phone_sign_out, name="phone_sign_out"),
]
