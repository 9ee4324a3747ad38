"""The runner in the window: run a folder or collection from the tree and watch it, row by row."""
