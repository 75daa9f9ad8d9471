"""The PDF reader: characters, rules and fills to paragraphs and ruled tables."""
