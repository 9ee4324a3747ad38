"""A step from 0, none from 1: a gap."""
