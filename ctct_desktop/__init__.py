"""CTCT Desktop: a request workbench that knows the Constant Contact API."""

__version__ = "0.1.0"
