"""Output files: Parquet and CSV tables, the Excel workbook."""
