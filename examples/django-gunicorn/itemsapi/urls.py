from django.urls import path

from . import views

urlpatterns = [
    path("health", views.health),
    path("api/items", views.item_list),
    path("api/items/<int:pk>", views.item_detail),
]
