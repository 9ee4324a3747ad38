"""File → Import… (Ctrl+I) and pasting a command into the URL field: the importers in the window."""
