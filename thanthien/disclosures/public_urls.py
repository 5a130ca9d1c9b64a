"""Public pages of one commune, mounted at ``xa/<slug:slug>/`` in the root URLconf."""

from django.urls import path

from . import public_views as v

app_name = "disclosures_public"
urlpatterns = [
    path("cong-khai/", v.disclosure_list, name="list"),
    path("cong-khai/<int:pk>/", v.disclosure_detail, name="item"),
    path("cong-khai/anh/<int:pk>/", v.posting_photo, name="photo"),
    path("cong-khai.csv", v.disclosure_csv, name="csv"),
    path("cong-khai.json", v.disclosure_json, name="json"),
    path("cong-khai/rss.xml", v.DisclosureRss(), name="rss"),
    path("cong-khai/atom.xml", v.DisclosureAtom(), name="atom"),
    path("thu-tuc/", v.procedure_list, name="procedures"),
    path("thu-tuc.csv", v.procedure_csv, name="procedures_csv"),
    path("thu-tuc.json", v.procedure_json, name="procedures_json"),
    path("thu-tuc/<str:code>/", v.procedure_detail, name="procedure"),
    path("pho-bien-phap-luat/", v.law, name="law"),
    path("bang-tin/", v.news, name="news"),
]
