"""The Word (.docx) reader: paragraphs and tables in body order."""
