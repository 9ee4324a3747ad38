"""A collection's collection.toml: upgrade steps, one module per version it upgrades from."""
