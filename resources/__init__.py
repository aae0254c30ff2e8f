"""Data files (catalog, prices, schemas), installed as ``translator.resources``."""
