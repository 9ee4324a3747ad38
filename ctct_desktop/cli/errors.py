"""The one error a command raises for bad input: printed as one line, exit status 2."""


class UsageError(Exception):
    """Bad input from the command line (arguments, a file that cannot be read)."""
