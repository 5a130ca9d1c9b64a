from django.urls import path

from . import views

app_name = "disclosures"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.item_new, name="item_new"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/publish/", views.item_publish, name="item_publish"),
    path("items/<int:pk>/withdraw/", views.item_withdraw, name="item_withdraw"),
    path("items/<int:pk>/revise/", views.item_revise, name="item_revise"),
    path("items/<int:pk>/postings/", views.posting_add, name="posting_add"),
    path("items/<int:pk>/broadcasts/", views.broadcast_add, name="broadcast_add"),
    path("items/<int:pk>/channels/<str:channel>/", views.channel_output, name="channel_output"),
    path("postings/<int:pk>/end/", views.posting_end, name="posting_end"),
    path("postings/<int:pk>/photo/", views.posting_photo, name="posting_photo"),
    path("compliance/", views.compliance, name="compliance"),
    path("plan/", views.plan, name="plan"),
    path("plan/adopt/", views.plan_adopt, name="plan_adopt"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("outreach/", views.outreach, name="outreach"),
    path("greetings/", views.greetings, name="greetings"),
    path("greetings/<int:pk>/", views.greeting_edit, name="greeting"),
]
