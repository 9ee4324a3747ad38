"""Saved request files (NAME.ctct.toml): upgrade steps, one module per version it upgrades from."""
