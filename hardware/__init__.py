"""Scanners, barcode parsing, image decoding and receipt printing. Knows nothing of the till app."""
