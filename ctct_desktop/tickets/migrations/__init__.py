"""Upgrade steps for ``ticket.toml``, one module per version it upgrades from."""
