"""A folder's order.toml (the run and display order of its entries): upgrade steps by version."""
