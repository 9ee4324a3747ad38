"""The remembered sandbox port (sandbox-port.json): upgrade steps, one module per version it upgrades from."""
