"""The open request documents: tabs, files, drafts and the questions before losing changes."""
