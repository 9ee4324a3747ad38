"""A step whose own import is missing: a bug to surface, not a gap to report."""
