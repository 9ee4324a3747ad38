"""accounts.json: upgrade steps, one module per version it upgrades from."""
