"""Environment files (environments/NAME.toml): upgrade steps, one module per version it upgrades from."""
