"""A schema step that fails half-way."""
