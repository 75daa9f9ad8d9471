"""The output contract: table schemas, status vocabulary, column synonyms, agencies.

Every fact about what the tables look like lives here once, so the normaliser and
both writers (Parquet and CSV) agree by construction.
"""
