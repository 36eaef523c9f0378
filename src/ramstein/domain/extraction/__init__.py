"""Reading pledged amounts out of news and official statements (docs/extraction.md).

numbers (decimal signs per language) -> lexicon (CLDR names passed in, hand tables, patterns) -> amounts
(number, scale, currency, qualifier) -> context (donor, kind, term, date) -> reading (findings, conversions
checked against ECB rates) -> drafts (stored documents, drafts and the decisions on them).
"""
