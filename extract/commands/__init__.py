"""The commands besides extract: check, summary and inspect."""
