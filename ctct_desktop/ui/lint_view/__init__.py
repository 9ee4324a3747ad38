"""The linter in the editor: debounced background linting, underlines, tooltips, Problems panel."""
