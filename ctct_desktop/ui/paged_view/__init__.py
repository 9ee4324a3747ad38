"""A view that pages a body file: only the rows on screen are read, lexed and painted, so a
100 MB response (or a one-line one) costs the UI thread what one screen costs."""
