"""Schema steps 0 -> 1 -> 2: each creates a table named after it."""
