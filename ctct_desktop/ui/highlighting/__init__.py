"""Syntax highlighting that scales: pygments lexes in a worker, Qt formats only what is on screen."""
