"""A step that forgets to stamp the version it produces."""
