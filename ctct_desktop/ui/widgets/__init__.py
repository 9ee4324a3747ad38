"""Small reusable widgets: the code editor with its gutter, the find bar, badges."""
