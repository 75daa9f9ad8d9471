"""Spreadsheet plans: Excel workbooks (and OpenDocument ones, converted) as blocks."""
