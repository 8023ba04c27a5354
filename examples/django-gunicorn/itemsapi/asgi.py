"""ASGI entry point: gunicorn itemsapi.asgi:application -k uvicorn.workers.UvicornWorker"""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itemsapi.settings")

application = get_asgi_application()
