"""Upgrade steps for the credentials' files, one package per format (runner: core/migrations.py)."""
