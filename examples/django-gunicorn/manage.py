#!/usr/bin/python3
"""Django's command-line utility for the example: /usr/bin/python3 manage.py migrate --noinput"""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itemsapi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
