"""A deterministic demo chain: stores, categories and a Polish catalogue of any size."""
