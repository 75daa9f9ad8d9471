"""The application: one document end to end, batches, the Python API, the CLI."""
