"""Upgrade steps for the store's formats, one package per format (the runner is core/migrations.py).

``request/``, ``collection/``, ``environment/``, ``settings/`` and ``drafts/`` hold document steps
(``v<N>.py`` with ``upgrade(document) -> document``), ``history/`` the database's schema steps
(``v<N>.py`` with ``upgrade(conn)``). Each module is named after the version it upgrades *from*.
"""
