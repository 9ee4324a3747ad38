"""The history database's schema (PRAGMA user_version): upgrade steps, one module per version it upgrades from."""
