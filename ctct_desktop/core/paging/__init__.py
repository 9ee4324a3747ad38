"""Bodies of any size read from a file: a display-row index, streamed pretty-printing and search.

Nothing here holds a whole body in memory or in one string: a 100 MB response is read in chunks,
and what the view needs (the rows on screen, the next match) is read back from the file by
offset. No Qt: the response view's widgets (ui/) paint what these modules index.
"""
