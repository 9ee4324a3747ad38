"""Draft files (drafts/ID.json): upgrade steps, one module per version it upgrades from."""
