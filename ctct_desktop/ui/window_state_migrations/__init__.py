"""window-state.json: upgrade steps, one module per version it upgrades from (runner: core/migrations.py)."""
