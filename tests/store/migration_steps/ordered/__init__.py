"""Three steps, 0 -> 1 -> 2 -> 3, each leaving a mark in "trail"."""
