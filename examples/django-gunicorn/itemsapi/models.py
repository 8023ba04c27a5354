from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=100)
    price_cents = models.IntegerField()

    def as_json(self):
        return {"id": self.id, "name": self.name, "price": self.price_cents / 100}
