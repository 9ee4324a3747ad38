"""The response pane: status line, headers, body (Pretty/Raw), timings and transport failures.

Nothing is imported here, so the Qt-free helpers beside it stay importable in a helper process.
"""
