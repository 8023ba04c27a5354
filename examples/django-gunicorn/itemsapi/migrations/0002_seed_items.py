"""Seeds twenty items so /api/items has something to read."""
from django.db import migrations


def seed(apps, schema_editor):
    Item = apps.get_model("itemsapi", "Item")
    if not Item.objects.exists():
        Item.objects.bulk_create(Item(name=f"item {n}", price_cents=n * 250) for n in range(1, 21))


def unseed(apps, schema_editor):
    apps.get_model("itemsapi", "Item").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("itemsapi", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
