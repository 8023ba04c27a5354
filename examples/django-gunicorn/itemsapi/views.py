"""JSON views; /api/items reads the database on every request."""
from django.http import JsonResponse

from .models import Item


def health(request):
    return JsonResponse({"status": "ok"})


def item_list(request):
    return JsonResponse([i.as_json() for i in Item.objects.order_by("id")], safe=False)


def item_detail(request, pk):
    item = Item.objects.filter(pk=pk).first()
    if item is None:
        return JsonResponse({"error": "not found"}, status=404)
    return JsonResponse(item.as_json())
